package dev.svcinfra.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a backup file holds, told from its first bytes (never from its name): a {@code pg_dump}
 * custom or tar archive, a gzip stream, a SQLite database file, or plain SQL text.
 *
 * <pre>{@code
 * BackupFormat f = BackupFormat.detect(Files.readAllBytes(file));
 * f.wireName();   // "pg_custom"
 * }</pre>
 *
 * @since 0.1
 */
public enum BackupFormat {
  /** {@code pg_dump -Fc}: starts with {@code PGDMP}; restored with {@code pg_restore}. */
  PG_CUSTOM,
  /**
   * {@code pg_dump -Ft}: a tar archive ({@code ustar} at offset 257); restored with {@code
   * pg_restore}.
   */
  PG_TAR,
  /** A gzip stream (magic {@code 1f 8b}), usually a compressed plain SQL dump. */
  GZIP,
  /** A SQLite database file ({@code SQLite format 3}), such as a copy made with {@code .backup}. */
  SQLITE_DATABASE,
  /** SQL text ({@code pg_dump} plain format, {@code sqlite3 .dump}, {@code mysqldump}). */
  PLAIN_SQL,
  /** Binary content none of the above: nothing can restore it. */
  UNKNOWN;

  /** How many leading bytes {@link #detect} needs to look at. */
  public static final int HEAD_BYTES = 4096;

  private static final byte[] PGDMP = "PGDMP".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);
  private static final int USTAR_OFFSET = 257;

  /** The format of content starting with {@code head} (an empty head is {@link #UNKNOWN}). */
  public static BackupFormat detect(byte[] head) {
    if (startsWith(head, 0, PGDMP)) {
      return PG_CUSTOM;
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (startsWith(head, 0, SQLITE)) {
      return SQLITE_DATABASE;
    }
    if (startsWith(head, USTAR_OFFSET, USTAR)) {
      return PG_TAR;
    }
    if (head.length == 0) {
      return UNKNOWN;
    }
    // Text has no NUL bytes; every binary format above has them early on.
    for (byte b : head) {
      if (b == 0) {
        return UNKNOWN;
      }
    }
    return PLAIN_SQL;
  }

  /** The lower-case name used in JSON and CLI output ({@code pg_custom}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    return data.length >= offset + prefix.length
        && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
  }
}
