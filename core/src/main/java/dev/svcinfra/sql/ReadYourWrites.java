package dev.svcinfra.sql;

import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Consistency tokens of one database (issue 20): issues them from the primary's replication
 * position and decides whether a replica connection may serve a read that carries one.
 *
 * <p>The design is a token, not a sticky primary: a client that sends its last write's token back
 * reads from the replica as soon as the replica has applied that write (usually within a few
 * milliseconds), and from the primary only while it has not; a sticky primary would send every read
 * of the client to the primary for a fixed time whatever the replica's progress, and needs state
 * per client on the server. The wait for the replica is bounded ({@link #WAIT}) so that a lagging
 * replica costs a read at most that long before the primary serves it.
 *
 * <p>A token is read on a primary connection after the write's commit returned, not on the
 * committing connection: the primary's WAL insert position (GTID position) is then at or past the
 * commit, so the token covers the write, and {@link Transaction} needs no hook after its commit. It
 * costs one pool borrow more than reading it on the committing connection.
 */
final class ReadYourWrites {
  /** How long a read carrying a token waits for the replica before the primary serves it. */
  static final Duration WAIT = Duration.ofMillis(100);

  /** Pause between two checks where the database has no wait function (PostgreSQL). */
  private static final long POLL_MILLIS = 2;

  private final Database database;
  private final ReplicaPositions positions;

  /** The primary's identity, read once with the first token issued or checked. */
  private volatile String cluster;

  ReadYourWrites(Database database) {
    this.database = database;
    this.positions = database.dialect().replicaPositions().orElse(null);
  }

  /**
   * A token for every commit that has returned so far, read from the primary; empty where the
   * dialect has no positions or the server writes no replication log.
   */
  Optional<ConsistencyToken> issue() {
    if (positions == null) {
      return Optional.empty();
    }
    try (Connection c = database.connection()) {
      String position = text(c, positions.positionQuery());
      // A server without a replication log has nothing a replica could wait for.
      if (position == null || position.isEmpty() || position.endsWith("/")) {
        return Optional.empty();
      }
      return Optional.of(new ConsistencyToken(database.dialect().name(), cluster(c), position));
    } catch (SQLException e) {
      throw SqlFailures.translate(e, database.dialect(), null, null);
    }
  }

  /**
   * Whether a read carrying {@code token} may go to the replica at all: the token must come from
   * this dialect and this primary. A token of another database says nothing about this one's
   * replica, so such a read runs on the primary.
   */
  boolean replicaMayServe(ConsistencyToken token) {
    if (token == null) {
      return true;
    }
    if (positions == null || !token.dialect().equals(database.dialect().name())) {
      return false;
    }
    String known = cluster;
    if (known == null) {
      try (Connection c = database.connection()) {
        known = cluster(c);
      } catch (SQLException e) {
        throw SqlFailures.translate(e, database.dialect(), null, null);
      }
    }
    return known.equals(token.cluster());
  }

  /**
   * Whether the server behind {@code c} (a replica, or the primary the replica pool fell back to)
   * has applied the token's position, waiting at most {@link #WAIT}.
   */
  boolean applied(Connection c, ConsistencyToken token) throws SQLException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try (PreparedStatement ps = c.prepareStatement(positions.appliedQuery(WAIT))) {
      for (int i = 1; i <= positions.appliedParameters(); i++) {
        ps.setString(i, token.position());
      }
      while (true) {
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return true;
          }
        }
        if (positions.waitsOnServer() || System.nanoTime() - deadline >= 0) {
          return false;
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private String cluster(Connection c) throws SQLException {
    String known = cluster;
    if (known == null) {
      known = text(c, positions.clusterQuery());
      cluster = known;
    }
    return known;
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
