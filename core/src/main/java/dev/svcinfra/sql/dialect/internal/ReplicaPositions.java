package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.sql.dialect.Dialect;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a dialect reads its primary's replication position after a commit and asks a server whether
 * it has applied that position: the SQL behind read-your-writes consistency tokens (issue 20).
 * Reach it through {@link Dialect#replicaPositions()}.
 *
 * <pre>{@code
 * ReplicaPositions p = dialect.replicaPositions().orElseThrow();
 * String position = query(primary, p.positionQuery());            // after the commit
 * boolean seen = query(replica, p.appliedQuery(wait), position);   // every ? is the position
 * }</pre>
 *
 * @param clusterQuery one row, one text column, run on the primary: what identifies it, so that a
 *     token another database issued is recognised and not compared with this one's positions
 * @param positionQuery one row, one text column on the primary: a position at or after every commit
 *     that has returned on it; empty text or SQL NULL when the server writes no replication log
 * @param syntax what a well-formed position looks like
 * @param appliedTemplate one row, one column that is true (or 1) when the server it runs on is the
 *     primary or has applied the position; every {@code ?} is bound to the position and {@code
 *     {wait}} is replaced by the wait in seconds
 * @param waitsOnServer whether the applied query itself waits up to {@code {wait}}; when false the
 *     caller polls it
 * @since 0.2
 */
public record ReplicaPositions(
    String clusterQuery,
    String positionQuery,
    Pattern syntax,
    String appliedTemplate,
    boolean waitsOnServer) {

  public ReplicaPositions {
    Objects.requireNonNull(clusterQuery, "clusterQuery");
    Objects.requireNonNull(positionQuery, "positionQuery");
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(appliedTemplate, "appliedTemplate");
  }

  /** The applied query with the wait written in (seconds, millisecond precision). */
  public String appliedQuery(Duration wait) {
    return appliedTemplate.replace(
        "{wait}", String.format(Locale.ROOT, "%.3f", wait.toMillis() / 1000.0));
  }

  /** How many {@code ?} the applied query binds (each to the position). */
  public int appliedParameters() {
    int n = 0;
    for (int i = 0; i < appliedTemplate.length(); i++) {
      if (appliedTemplate.charAt(i) == '?') {
        n++;
      }
    }
    return n;
  }

  public boolean wellFormed(String position) {
    return syntax.matcher(position).matches();
  }

  /**
   * PostgreSQL: the WAL insert position (it covers a commit made with {@code
   * synchronous_commit=off}, which the write position may not yet), and a standby has applied it
   * when {@code pg_last_wal_replay_lsn()} is at or past it. PostgreSQL has no wait function, so the
   * caller polls. The cluster is the system identifier, which a standby shares with its primary.
   */
  public static ReplicaPositions postgres() {
    return new ReplicaPositions(
        "SELECT system_identifier::text FROM pg_control_system()",
        "SELECT pg_current_wal_insert_lsn()::text",
        Pattern.compile("[0-9A-F]{1,8}/[0-9A-F]{1,8}"),
        "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn)",
        false);
  }

  /**
   * MariaDB: the primary's server id and its binary-log GTID position; {@code MASTER_GTID_WAIT}
   * waits on a replica until {@code gtid_slave_pos} reaches it (0) or the wait ends (-1). The
   * primary itself never advances {@code gtid_slave_pos}, so it is recognised by its server id.
   */
  public static ReplicaPositions mariadb() {
    String gtid = "[0-9]{1,10}-[0-9]{1,10}-[0-9]{1,20}";
    return new ReplicaPositions(
        "SELECT CAST(@@server_id AS CHAR)",
        "SELECT CONCAT(@@server_id, '/', @@gtid_binlog_pos)",
        Pattern.compile("[0-9]{1,10}/(" + gtid + "(," + gtid + ")*)?"),
        "SELECT SUBSTRING_INDEX(?, '/', 1) = CAST(@@server_id AS CHAR)"
            + " OR MASTER_GTID_WAIT(SUBSTRING_INDEX(?, '/', -1), {wait}) = 0",
        true);
  }

  /**
   * MySQL (GTID mode on): the primary's server UUID and its executed GTID set; {@code
   * WAIT_FOR_EXECUTED_GTID_SET} answers 0 once the server has executed the set, 1 after the wait.
   */
  public static ReplicaPositions mysql() {
    String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    String interval = "[0-9]{1,20}(-[0-9]{1,20})?";
    String member = uuid + "(:[a-zA-Z0-9_]{1,32})?(:" + interval + ")+";
    return new ReplicaPositions(
        "SELECT @@server_uuid",
        "SELECT CONCAT(@@server_uuid, '/', REPLACE(@@global.gtid_executed, '\\n', ''))",
        Pattern.compile(uuid + "/(" + member + "(," + member + ")*)?"),
        "SELECT SUBSTRING_INDEX(?, '/', 1) = @@server_uuid"
            + " OR WAIT_FOR_EXECUTED_GTID_SET(SUBSTRING_INDEX(?, '/', -1), {wait}) = 0",
        true);
  }
}
