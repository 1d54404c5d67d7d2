package dev.svcinfra.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The backup file a verification looked at: where it is, what it holds, how big and how old it is,
 * and what its {@code .sha256} sidecar said.
 *
 * <pre>{@code
 * BackupFile f = report.newest().orElseThrow();
 * log.info("{} ({}, {} bytes, {} old)", f.path(), f.format().wireName(), f.sizeBytes(), f.age());
 * }</pre>
 *
 * @param format what the file's first bytes say it is
 * @param content for a gzip file, the format of the decompressed content (when it was read);
 *     otherwise the same as {@code format}
 * @since 0.1
 */
public record BackupFile(
    Path path,
    BackupFormat format,
    BackupFormat content,
    long sizeBytes,
    Instant modified,
    Duration age,
    Checksum checksum) {

  /** What the {@code .sha256} sidecar said about the content. */
  public enum Checksum {
    /** The sidecar's SHA-256 matches the content. */
    VERIFIED,
    /** The sidecar's SHA-256 differs from the content, or the sidecar is unusable. */
    MISMATCH,
    /** There is no sidecar. */
    ABSENT,
    /** The content was not read (age-only checks, or the file is empty or unreadable). */
    NOT_CHECKED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BackupFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(checksum, "checksum");
  }

  /** The file name without its directory. */
  public String name() {
    return path.getFileName().toString();
  }

  /**
   * {@code {"path","name","format","content","size_bytes","modified","age_seconds","checksum"}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("path", path.toString());
    map.put("name", name());
    map.put("format", format.wireName());
    map.put("content", content.wireName());
    map.put("size_bytes", sizeBytes);
    map.put("modified", modified.toString());
    map.put("age_seconds", age.toSeconds());
    map.put("checksum", checksum.wireName());
    return map;
  }
}
