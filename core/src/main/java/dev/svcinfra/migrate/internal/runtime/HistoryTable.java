package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history table ({@code <version table>_history}): one row per applied, undone or stamped step
 * with the revision file's checksum, who ran it, when and how long it took. Drift detection
 * compares the checksum of the latest upgrade or stamp of each revision with its file today.
 *
 * <pre>{@code
 * HistoryTable history = new HistoryTable(dialect, "svc_infra_version_history");
 * Map<String, String> checksums = history.appliedChecksums(connection);
 * }</pre>
 *
 * @since 0.1
 */
public final class HistoryTable {
  /** A revision's upgrade ran. */
  public static final String UPGRADE = "upgrade";

  /** A revision's downgrade ran. */
  public static final String DOWNGRADE = "downgrade";

  /** A revision was recorded as applied, or as no longer applied, without running anything. */
  public static final String STAMP = "stamp";

  /**
   * A revision failed on a database without transactional DDL, leaving the statements before the
   * failing one applied; its message is the failure. Migrating refuses until a later row clears it.
   */
  public static final String FAILED = "failed";

  /**
   * An operator's repair: a new checksum for an edited file, or the all-clear for a failed revision
   * finished or undone by hand; its message is the operator's reason.
   */
  public static final String REPAIR = "repair";

  private final Dialect dialect;
  private final String name;

  public HistoryTable(Dialect dialect, String name) {
    this.dialect = dialect;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** The history table's name for a version table. */
  public static String nameFor(String versionTable) {
    return versionTable + "_history";
  }

  public void ensure(SqlSink sink) {
    if (sink.offline() || !exists(sink.connection())) {
      create(sink);
    }
  }

  /** Whether the table exists. */
  public boolean exists(Connection c) {
    try {
      return !TablePresence.existing(c, List.of(name), dialect.quotedTableNamesIgnoreCase())
          .isEmpty();
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot look for the history table " + name + ": " + e.getMessage(),
          e);
    }
  }

  /** Creates the table through {@code sink}, for a caller that knows it is missing. */
  void create(SqlSink sink) {
    dialect.createHistoryTable(name).forEach(sink::execute);
  }

  /**
   * The row recording one step. The sequence number is computed by the database, so the statement
   * is the same online and offline; the migration lock keeps it unique.
   *
   * @param durationMs the step's duration, or null when unknown (offline)
   */
  public String recordStatement(
      Revision revision, String direction, String appliedBy, Long durationMs) {
    return recordStatement(
        revision,
        direction,
        appliedBy,
        durationMs,
        revision.message(),
        revision.checksum().orElse(null));
  }

  /**
   * The row recording one step with its own message (a failure, a repair's reason) and checksum
   * (null: none recorded).
   */
  public String recordStatement(
      Revision revision,
      String direction,
      String appliedBy,
      Long durationMs,
      String message,
      String checksum) {
    return recordStatement(
        revision.id(),
        String.join(",", revision.downRevisions()),
        direction,
        appliedBy,
        durationMs,
        message,
        checksum);
  }

  /** The row recording one step of a revision known by id (its file may be gone). */
  public String recordStatement(
      String revision,
      String downRevisions,
      String direction,
      String appliedBy,
      Long durationMs,
      String message,
      String checksum) {
    String table = dialect.quote(name);
    return "INSERT INTO "
        + table
        + " (seq, revision, down_revisions, direction, message, "
        + "checksum, applied_by, applied_at, duration_ms) SELECT COALESCE(MAX(seq), 0) + 1, "
        + dialect.stringLiteral(revision)
        + ", "
        + dialect.stringLiteral(downRevisions)
        + ", "
        + dialect.stringLiteral(direction)
        + ", "
        + dialect.stringLiteral(truncate(message, 1000))
        + ", "
        + (checksum == null ? "NULL" : dialect.stringLiteral(checksum))
        + ", "
        + dialect.stringLiteral(truncate(appliedBy, 255))
        + ", CURRENT_TIMESTAMP, "
        + (durationMs == null ? "NULL" : durationMs.toString())
        + " FROM "
        + table;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * The checksum each applied revision had when last upgraded, stamped or repaired. A failed row
   * records no application; a repair clearing a failure carries no checksum.
   */
  public Map<String, String> appliedChecksums(Connection c) {
    return exists(c) ? appliedChecksums(rowsExisting(c)) : new HashMap<>();
  }

  /** {@link #appliedChecksums(Connection)} of rows already read. */
  static Map<String, String> appliedChecksums(List<Row> rows) {
    Map<String, String> out = new HashMap<>();
    for (Row row : rows) {
      if (row.direction().equals(DOWNGRADE)) {
        out.remove(row.revision());
      } else if (!row.direction().equals(FAILED) && row.checksum() != null) {
        out.put(row.revision(), row.checksum());
      }
    }
    return out;
  }

  /**
   * The failed rows of {@code rows} (oldest first) that no later row of the same revision cleared
   * (a repair, a stamp, a successful run), by revision.
   */
  public static Map<String, Row> outstandingFailures(List<Row> rows) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row row : rows) {
      if (row.direction().equals(FAILED)) {
        out.put(row.revision(), row);
      } else {
        out.remove(row.revision());
      }
    }
    return out;
  }

  /** One recorded step. */
  public record Row(
      long seq,
      String revision,
      String direction,
      String message,
      String checksum,
      String appliedBy,
      String appliedAt,
      Long durationMs) {}

  /** Every recorded step, oldest first; empty when the table does not exist. */
  public List<Row> rows(Connection c) {
    return exists(c) ? rowsExisting(c) : new ArrayList<>();
  }

  /** {@link #rows}, for a caller that knows the table exists. */
  List<Row> rowsExisting(Connection c) {
    List<Row> rows = new ArrayList<>();
    try {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT seq, revision, direction, message, checksum, applied_by, "
                      + "applied_at, duration_ms FROM "
                      + dialect.quote(name)
                      + " ORDER BY seq")) {
        while (rs.next()) {
          long d = rs.getLong(8);
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.wasNull() ? null : d));
        }
      }
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot read the history table " + name + ": " + e.getMessage(),
          e);
    }
    return rows;
  }
}
