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
 * MySQL and MariaDB replication as {@code SHOW REPLICA STATUS} (MariaDB: {@code SHOW SLAVE STATUS})
 * reports it: the IO thread receives, the SQL thread replays, and the server's own {@code
 * Seconds_Behind_Master} is the lag, NULL when it cannot tell (the IO thread is not connected). No
 * row means the server replicates from nothing. With several replication sources, every source must
 * be receiving and replaying and the largest lag counts.
 *
 * <p>The statement needs the {@code REPLICATION CLIENT} privilege (MariaDB 10.5 and later: {@code
 * REPLICA MONITOR} or {@code SLAVE MONITOR}); without it the reading fails with the server's
 * reason, which callers report.
 */
final class MySqlReplication implements ReplicationProbe {
  private final String statement;
  private final String ioRunning;
  private final String sqlRunning;
  private final String secondsBehind;

  private MySqlReplication(
      String statement, String ioRunning, String sqlRunning, String secondsBehind) {
    this.statement = statement;
    this.ioRunning = ioRunning;
    this.sqlRunning = sqlRunning;
    this.secondsBehind = secondsBehind;
  }

  /** MySQL 8.0.22 and later. */
  static MySqlReplication mysql() {
    return new MySqlReplication(
        "SHOW REPLICA STATUS",
        "Replica_IO_Running",
        "Replica_SQL_Running",
        "Seconds_Behind_Source");
  }

  /** MariaDB, whose column names stayed the same when it added {@code SHOW REPLICA STATUS}. */
  static MySqlReplication mariadb() {
    return new MySqlReplication(
        "SHOW SLAVE STATUS", "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master");
  }

  /** The statement this probe runs on a replica. */
  String statement() {
    return statement;
  }

  @Override
  public boolean readsPrimaryPosition() {
    return false;
  }

  @Override
  public OptionalLong primaryPosition(Connection primary) {
    return OptionalLong.empty();
  }

  @Override
  public ReplicaReading read(Connection replica) throws SQLException {
    try (Statement st = replica.createStatement();
        ResultSet rs = st.executeQuery(statement)) {
      if (!rs.next()) {
        return ReplicaReading.notAReplica();
      }
      Optional<String> notReceiving = Optional.empty();
      Optional<String> notReplaying = Optional.empty();
      long worstLag = 0;
      boolean lagKnown = true;
      do {
        String io = rs.getString(ioRunning);
        String sql = rs.getString(sqlRunning);
        long seconds = rs.getLong(secondsBehind);
        boolean unknown = rs.wasNull();
        if (notReceiving.isEmpty() && !"Yes".equalsIgnoreCase(io)) {
          notReceiving = Optional.of("not receiving from the primary: " + ioRunning + " is " + io);
        }
        if (notReplaying.isEmpty() && !"Yes".equalsIgnoreCase(sql)) {
          notReplaying = Optional.of("not replaying: " + sqlRunning + " is " + sql);
        }
        lagKnown &= !unknown;
        worstLag = Math.max(worstLag, seconds * 1000);
      } while (rs.next());
      return new ReplicaReading(
          true,
          notReceiving,
          notReplaying,
          OptionalLong.empty(),
          lagKnown ? OptionalLong.of(worstLag) : OptionalLong.empty(),
          OptionalLong.empty());
    }
  }
}
