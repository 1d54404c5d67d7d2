package dev.svcinfra.sql.dialect.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * How one kind of database reports replication: the primary's current write position (where the
 * dialect measures lag by comparing positions) and what a replica says about itself (receiving,
 * replaying, how far it has got). The SQL differs per database; the caller turns readings into a
 * replica state and a lag.
 */
public interface ReplicationProbe {
  /**
   * The primary's current write position in bytes of its log, or empty when this database reports
   * lag on the replica alone (MySQL and MariaDB: {@code Seconds_Behind_Master}).
   */
  OptionalLong primaryPosition(Connection primary) throws SQLException;

  /** Whether {@link #primaryPosition} asks the primary anything (else it needs no connection). */
  boolean readsPrimaryPosition();

  /** What the server behind {@code replica} says about its replication. */
  ReplicaReading read(Connection replica) throws SQLException;
}
