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
    String table = dialect.quote(name);
    return "INSERT INTO "
        + table
        + " (seq, revision, down_revisions, direction, message, "
        + "checksum, applied_by, applied_at, duration_ms) SELECT COALESCE(MAX(seq), 0) + 1, "
        + dialect.stringLiteral(revision.id())
        + ", "
        + dialect.stringLiteral(String.join(",", revision.downRevisions()))
        + ", "
        + dialect.stringLiteral(direction)
        + ", "
        + dialect.stringLiteral(truncate(revision.message(), 1000))
        + ", "
        + revision.checksum().map(dialect::stringLiteral).orElse("NULL")
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

  /** The checksum each applied revision had when last upgraded or stamped. */
  public Map<String, String> appliedChecksums(Connection c) {
    return exists(c) ? appliedChecksumsExisting(c) : new HashMap<>();
  }

  /** {@link #appliedChecksums}, for a caller that knows the table exists. */
  Map<String, String> appliedChecksumsExisting(Connection c) {
    Map<String, String> out = new HashMap<>();
    for (Row row : rowsExisting(c)) {
      if (row.direction().equals("downgrade")) {
        out.remove(row.revision());
      } else if (row.checksum() != null) {
        out.put(row.revision(), row.checksum());
      }
    }
    return out;
  }

  /** One recorded step. */
  public record Row(
      long seq,
      String revision,
      String direction,
      String checksum,
      String appliedBy,
      String appliedAt,
      Long durationMs) {}

  /** Every recorded step, oldest first; empty when the table does not exist. */
  public List<Row> rows(Connection c) {
    return exists(c) ? rowsExisting(c) : new ArrayList<>();
  }

  private List<Row> rowsExisting(Connection c) {
    List<Row> rows = new ArrayList<>();
    try {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT seq, revision, direction, checksum, applied_by, "
                      + "applied_at, duration_ms FROM "
                      + dialect.quote(name)
                      + " ORDER BY seq")) {
        while (rs.next()) {
          long d = rs.getLong(7);
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
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
