package dev.svcinfra.sql.repo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Generated statement text keyed by the set of columns it names, so the common shapes of INSERT
 * and UPDATE are built once instead of on every call. Keys are bit masks of column positions;
 * models wider than 62 columns and shapes beyond {@link #MAX_ENTRIES} are built every time.
 */
final class TextCache {
  static final int MAX_ENTRIES = 256;

  private final ConcurrentHashMap<Long, String> texts = new ConcurrentHashMap<>();

  String get(WriteRow columns, Supplier<String> build) {
    return get(columns, false, build);
  }

  String get(WriteRow columns, boolean flag, Supplier<String> build) {
    long key = flag ? 1L << 62 : 0;
    for (int i = 0; i < columns.size(); i++) {
      int position = columns.column(i).position();
      if (position >= 62) {
        return build.get();
      }
      key |= 1L << position;
    }
    String text = texts.get(key);
    if (text == null) {
      text = build.get();
      if (texts.size() < MAX_ENTRIES) {
        texts.putIfAbsent(key, text);
      }
    }
    return text;
  }
}
