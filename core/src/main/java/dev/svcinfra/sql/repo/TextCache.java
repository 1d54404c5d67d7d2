package dev.svcinfra.sql.repo;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated statement text keyed by the set of columns it names, so the common shapes of INSERT and
 * UPDATE are built once instead of on every call. Keys are bit masks of column positions; models
 * wider than 62 columns and shapes beyond {@link #MAX_ENTRIES} are built every time. Lookup and
 * store are two calls, so a hit allocates nothing (no builder lambda per call).
 */
final class TextCache {
  static final int MAX_ENTRIES = 256;

  private final ConcurrentHashMap<Long, String> texts = new ConcurrentHashMap<>();

  /** The text cached for this column set and flag, or null when it must be built. */
  String find(WriteRow columns, boolean flag) {
    long key = key(columns, flag);
    return key < 0 ? null : texts.get(key);
  }

  /** Remembers {@code text} for this column set and flag (while there is room); returns it. */
  String put(WriteRow columns, boolean flag, String text) {
    long key = key(columns, flag);
    if (key >= 0 && texts.size() < MAX_ENTRIES) {
      texts.putIfAbsent(key, text);
    }
    return text;
  }

  /** Bit 62 is the flag, bits 0..61 the column positions; -1 when a position does not fit. */
  private static long key(WriteRow columns, boolean flag) {
    long key = flag ? 1L << 62 : 0;
    for (int i = 0; i < columns.size(); i++) {
      int position = columns.column(i).position();
      if (position >= 62) {
        return -1;
      }
      key |= 1L << position;
    }
    return key;
  }
}
