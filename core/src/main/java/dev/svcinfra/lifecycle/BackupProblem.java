package dev.svcinfra.lifecycle;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One reason a backup is not healthy: a stable {@link Kind} for scripts and alerts, and a message
 * for people.
 *
 * <pre>{@code
 * for (BackupProblem p : report.problems()) alert(p.kind().code() + ": " + p.message());
 * }</pre>
 *
 * @since 0.1
 */
public record BackupProblem(Kind kind, String message) {
  /** What went wrong; {@link #code()} is the stable wire name. */
  public enum Kind {
    /** No backup file in the directory (or the directory is missing), or no success recorded. */
    NO_BACKUP,
    /** The newest backup is older than the allowed age. */
    TOO_OLD,
    /** The newest backup has zero bytes. */
    EMPTY,
    /** The newest backup cannot be read (permissions, broken link, I/O error). */
    UNREADABLE,
    /** The content is truncated or not a known backup format. */
    CORRUPT,
    /** A {@code .sha256} sidecar exists and does not match the content. */
    CHECKSUM_MISMATCH,
    /** The restore test failed or restored nothing. */
    RESTORE_FAILED,
    /** The restored backup lacks tables the live database has. */
    TABLES_MISSING;

    /** The lower-case wire name ({@code too_old}). */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BackupProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** {@code {"code","message"}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("code", kind.code());
    map.put("message", message);
    return map;
  }

  @Override
  public String toString() {
    return kind.code() + ": " + message;
  }
}
