package dev.svcinfra.lifecycle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a backup's content to find damage its first bytes cannot show: a gzip stream that ends
 * early or fails its CRC, a SQL dump without its closing line, a SQLite or tar file cut off between
 * pages, a {@code pg_dump} header naming another format.
 */
final class ContentScan {
  /** A finding: the decompressed content's format, and why the file is corrupt, if it is. */
  record Result(BackupFormat content, Optional<String> corruption) {
    static Result ok(BackupFormat content) {
      return new Result(content, Optional.empty());
    }

    static Result corrupt(BackupFormat content, String why) {
      return new Result(content, Optional.of(why));
    }
  }

  private static final int PG_FORMAT_OFFSET = 10;
  private static final int PG_ARCHIVE_CUSTOM = 1;
  private static final int TAR_BLOCK = 512;

  private ContentScan() {}

  static Result scan(Path file, BackupFormat format, byte[] head, long size) throws IOException {
    return switch (format) {
      case GZIP -> gzip(file);
      case PLAIN_SQL -> text(BackupFormat.PLAIN_SQL, head, tail(file, size));
      case PG_CUSTOM ->
          head.length > PG_FORMAT_OFFSET && head[PG_FORMAT_OFFSET] != PG_ARCHIVE_CUSTOM
              ? Result.corrupt(
                  format,
                  "the PGDMP header names archive format "
                      + head[PG_FORMAT_OFFSET]
                      + ", not a custom-format file (a directory dump's toc.dat?)")
              : Result.ok(format);
      case PG_TAR ->
          size % TAR_BLOCK != 0
              ? Result.corrupt(
                  format,
                  "a tar archive is a whole number of 512-byte blocks; "
                      + size
                      + " bytes means it is truncated")
              : Result.ok(format);
      case SQLITE_DATABASE -> sqlite(head, size);
      case UNKNOWN ->
          Result.corrupt(format, "not a pg_dump archive, gzip stream, SQLite database or SQL text");
    };
  }

  /** SHA-256 of the whole file, lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return ChecksumSidecar.hex(digest.digest());
  }

  private static Result gzip(Path file) throws IOException {
    byte[] head = new byte[0];
    Tail tail = new Tail(DumpCompleteness.TAIL_BYTES);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (head.length < BackupFormat.HEAD_BYTES) {
          int take = Math.min(n, BackupFormat.HEAD_BYTES - head.length);
          head = Arrays.copyOf(head, head.length + take);
          System.arraycopy(buffer, 0, head, head.length - take, take);
        }
        tail.add(buffer, n);
      }
    } catch (EOFException | ZipException e) {
      return Result.corrupt(
          BackupFormat.detect(head),
          "the gzip stream is truncated or damaged (" + e.getMessage() + ")");
    }
    if (head.length == 0) {
      return Result.corrupt(BackupFormat.UNKNOWN, "the gzip stream decompresses to nothing");
    }
    BackupFormat inner = BackupFormat.detect(head);
    return inner == BackupFormat.PLAIN_SQL ? text(inner, head, tail.bytes()) : Result.ok(inner);
  }

  private static Result text(BackupFormat content, byte[] head, byte[] tail) {
    return DumpCompleteness.problem(head, tail)
        .map(why -> Result.corrupt(content, why))
        .orElse(Result.ok(content));
  }

  /**
   * The page size (offset 16, big-endian, 1 meaning 65536) divides a whole database file, and the
   * page count in the header (offset 28, valid when offsets 24 and 92 agree) times the page size is
   * the file size.
   */
  private static Result sqlite(byte[] head, long size) {
    BackupFormat f = BackupFormat.SQLITE_DATABASE;
    if (head.length < 100) {
      return Result.corrupt(f, "the SQLite header is cut short (" + head.length + " bytes)");
    }
    ByteBuffer header = ByteBuffer.wrap(head);
    int pageSize = Short.toUnsignedInt(header.getShort(16));
    pageSize = pageSize == 1 ? 65536 : pageSize;
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
      return Result.corrupt(f, "the SQLite header names an invalid page size " + pageSize);
    }
    if (size % pageSize != 0) {
      return Result.corrupt(
          f,
          size
              + " bytes is not a whole number of "
              + pageSize
              + "-byte pages: the database file is truncated");
    }
    long pages = Integer.toUnsignedLong(header.getInt(28));
    boolean countValid = header.getInt(24) == header.getInt(92) && pages > 0;
    if (countValid && pages * pageSize != size) {
      return Result.corrupt(
          f,
          "the SQLite header counts "
              + pages
              + " pages ("
              + pages * pageSize
              + " bytes) but the file has "
              + size
              + " bytes");
    }
    return Result.ok(f);
  }

  private static byte[] tail(Path file, long size) throws IOException {
    int length = (int) Math.min(size, DumpCompleteness.TAIL_BYTES);
    byte[] tail = new byte[length];
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(size - length);
      raf.readFully(tail);
    }
    return tail;
  }

  /** The last {@code capacity} bytes seen. */
  private static final class Tail {
    private final byte[] data;
    private int length;

    Tail(int capacity) {
      this.data = new byte[capacity];
    }

    void add(byte[] buffer, int n) {
      if (n >= data.length) {
        System.arraycopy(buffer, n - data.length, data, 0, data.length);
        length = data.length;
        return;
      }
      int keep = Math.min(length, data.length - n);
      System.arraycopy(data, length - keep, data, 0, keep);
      System.arraycopy(buffer, 0, data, keep, n);
      length = keep + n;
    }

    byte[] bytes() {
      return Arrays.copyOf(data, length);
    }
  }
}
