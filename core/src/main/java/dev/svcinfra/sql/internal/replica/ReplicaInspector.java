package dev.svcinfra.sql.internal.replica;

import dev.svcinfra.sql.ReplicaState;
import dev.svcinfra.sql.ReplicaState.Condition;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ReplicaReading;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * Judges one replica from one probe: reachable (the dialect's ping answers), receiving and
 * replaying (the dialect's {@link ReplicationProbe}), and its lag against the limit. The lag is the
 * server's own figure where it reports one (MySQL, MariaDB), else its replay position measured
 * against the primary's {@link PrimaryPositions}. A replica serves reads while it is current, while
 * nothing can be measured (the database cannot tell, or refused to), and while it receives nothing
 * but is provably within the limit; never when it is unreachable, does not replay, or is further
 * behind than the limit or by an unknown amount.
 */
public final class ReplicaInspector {
  private static final Executor DIRECT = Runnable::run;

  private final Dialect dialect;
  private final String server;
  private final String secret;
  private final Duration maxLag;
  private final Duration timeout;
  private final PrimaryPositions positions;

  /**
   * @param server the replica's URL, password masked
   * @param secret the replica's password, masked in any message that would echo it (may be null)
   * @param timeout how long the probe's statements may take
   * @param positions the primary's sampled positions, shared by every replica of one primary
   */
  public ReplicaInspector(
      Dialect dialect,
      String server,
      String secret,
      Duration maxLag,
      Duration timeout,
      PrimaryPositions positions) {
    this.dialect = dialect;
    this.server = server;
    this.secret = secret;
    this.maxLag = maxLag;
    this.timeout = timeout;
    this.positions = positions;
  }

  /**
   * Samples the primary's write position into {@code positions}, where the dialect measures lag by
   * positions; a failure is the caller's to report.
   */
  public static void samplePrimary(Dialect dialect, Connection primary, PrimaryPositions positions)
      throws SQLException {
    Optional<ReplicationProbe> probe = dialect.replicationProbe();
    if (probe.isEmpty()) {
      return;
    }
    OptionalLong position = probe.get().primaryPosition(primary);
    if (position.isPresent()) {
      positions.record(position.getAsLong(), System.nanoTime());
    }
  }

  /** The replica's state from a probe over {@code replica}, a connection to it. */
  public ReplicaState inspect(Connection replica) {
    try {
      bound(replica);
      ping(replica);
    } catch (SQLException | RuntimeException e) {
      return unreachable(e);
    }
    Optional<ReplicationProbe> probe = dialect.replicationProbe();
    if (probe.isEmpty()) {
      return state(Condition.UNMEASURED, OptionalLong.empty(), null, true);
    }
    ReplicaReading reading;
    try {
      reading = probe.get().read(replica);
    } catch (SQLException e) {
      // Reachable, but it will not say (MySQL without REPLICATION CLIENT): served as before.
      return state(
          Condition.UNMEASURED,
          OptionalLong.empty(),
          "cannot read its replication state: " + message(e),
          true);
    }
    return judge(reading);
  }

  /** The state of a replica no connection reached; {@code failure} says why. */
  public ReplicaState unreachable(Exception failure) {
    return state(Condition.UNREACHABLE, OptionalLong.empty(), message(failure), false);
  }

  ReplicaState judge(ReplicaReading reading) {
    if (!reading.replica()) {
      return state(
          Condition.NOT_A_REPLICA,
          OptionalLong.empty(),
          "the server replicates from nothing (a primary)",
          true);
    }
    OptionalLong lag = lag(reading);
    String lagText =
        lag.isPresent()
            ? "lag " + lag.getAsLong() + " ms (limit " + maxLag.toMillis() + " ms)"
            : "lag unknown";
    boolean within = lag.isPresent() && lag.getAsLong() <= maxLag.toMillis();
    if (reading.notReplaying().isPresent()) {
      return state(
          Condition.NOT_REPLAYING, lag, reading.notReplaying().get() + "; " + lagText, false);
    }
    if (reading.notReceiving().isPresent()) {
      return state(
          Condition.NOT_RECEIVING, lag, reading.notReceiving().get() + "; " + lagText, within);
    }
    if (!within) {
      String why =
          lag.isPresent()
              ? "lag " + lag.getAsLong() + " ms > limit " + maxLag.toMillis() + " ms"
              : "lag unknown: the server does not report how far behind it is";
      return state(Condition.BEHIND, lag, why, false);
    }
    return state(Condition.CURRENT, lag, null, true);
  }

  private OptionalLong lag(ReplicaReading reading) {
    if (reading.reportedLagMillis().isPresent()) {
      return reading.reportedLagMillis();
    }
    if (reading.replayPosition().isEmpty()) {
      return OptionalLong.empty();
    }
    return positions.lagMillis(
        reading.replayPosition().getAsLong(),
        System.nanoTime(),
        reading.lastReplayedCommitMillis(),
        System.currentTimeMillis());
  }

  private ReplicaState state(Condition condition, OptionalLong lag, String reason, boolean reads) {
    return new ReplicaState(server, condition, lag, Optional.ofNullable(reason), reads);
  }

  /** Bounds every statement of the probe, so a frozen replica cannot hold it. */
  private void bound(Connection c) throws SQLException {
    try {
      c.setNetworkTimeout(DIRECT, (int) Math.max(1, timeout.toMillis()));
    } catch (java.sql.SQLFeatureNotSupportedException e) {
      // In-process databases have no socket.
    }
  }

  private void ping(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(dialect.pingQuery())) {
      if (!rs.next()) {
        throw new SQLException("the ping query '" + dialect.pingQuery() + "' answered no row");
      }
    }
  }

  private String message(Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (secret != null && !secret.isEmpty()) {
      text = text.replace(secret, "***");
    }
    text = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    return text.length() <= 300 ? text : text.substring(0, 297) + "...";
  }
}
