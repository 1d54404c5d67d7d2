package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.ReplicaReading;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PostgreSQL streaming replication as a standby reports it. Lag is measured by comparing the
 * primary's current WAL position with the standby's replay position (issue 20): the classic {@code
 * now() - pg_last_xact_replay_timestamp()} calls a standby behind after any quiet spell of the
 * primary, and comparing the standby's receive and replay positions calls one that is cut off from
 * its primary current. A standby with no WAL receiver, or one whose receiver is not streaming, is
 * not receiving; one whose replay is paused is not replaying.
 *
 * <p>{@code pg_stat_wal_receiver} shows its {@code status} only to superusers and members of {@code
 * pg_read_all_stats}; others see the row without it, and then only a missing receiver is noticed.
 */
final class PostgresReplication implements ReplicationProbe {
  private static final String PRIMARY_POSITION =
      "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";

  private static final String REPLICA_STATE =
      "SELECT pg_is_in_recovery(),"
          + " CASE WHEN pg_is_in_recovery()"
          + " THEN (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint END,"
          + " CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END,"
          + " (SELECT count(*) FROM pg_stat_wal_receiver),"
          + " (SELECT status FROM pg_stat_wal_receiver LIMIT 1),"
          + " (EXTRACT(EPOCH FROM pg_last_xact_replay_timestamp()) * 1000)::bigint";

  @Override
  public boolean readsPrimaryPosition() {
    return true;
  }

  @Override
  public OptionalLong primaryPosition(Connection primary) throws SQLException {
    try (Statement st = primary.createStatement();
        ResultSet rs = st.executeQuery(PRIMARY_POSITION)) {
      rs.next();
      return OptionalLong.of(rs.getLong(1));
    }
  }

  @Override
  public ReplicaReading read(Connection replica) throws SQLException {
    try (Statement st = replica.createStatement();
        ResultSet rs = st.executeQuery(REPLICA_STATE)) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return ReplicaReading.notAReplica();
      }
      long replay = rs.getLong(2);
      OptionalLong replayPosition = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(replay);
      boolean paused = rs.getBoolean(3);
      long receivers = rs.getLong(4);
      String status = rs.getString(5);
      long committed = rs.getLong(6);
      OptionalLong lastCommit = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(committed);
      Optional<String> notReceiving =
          receivers == 0
              ? Optional.of("not streaming from the primary: no WAL receiver is running")
              : status != null && !status.equals("streaming")
                  ? Optional.of("not streaming from the primary: its WAL receiver is " + status)
                  : Optional.empty();
      Optional<String> notReplaying =
          paused ? Optional.of("WAL replay is paused (pg_wal_replay_pause)") : Optional.empty();
      return new ReplicaReading(
          true, notReceiving, notReplaying, replayPosition, OptionalLong.empty(), lastCommit);
    }
  }
}
