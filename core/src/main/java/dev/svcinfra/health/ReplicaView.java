package dev.svcinfra.health;

import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.ReplicaState;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.internal.replica.PrimaryPositions;
import dev.svcinfra.sql.internal.replica.ReplicaInspector;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the database check learns about the replicas: from an open {@link Database}, whose
 * background probe already knows (the check then sees what routing sees), or from probes of its own
 * over fresh connections, for a check given only settings. Its own probes keep the primary's
 * sampled positions between runs, so lag is measured the same way.
 */
abstract class ReplicaView {
  /** Opens a connection to one replica server within a timeout. */
  interface ServerOpener {
    Connection open(ResolvedUrl server, Duration timeout) throws SQLException;
  }

  /**
   * Records the primary's position, where the view measures lag itself. A failure is not the
   * primary's health: the lag then grows from the last sample.
   */
  void samplePrimary(Connection primary) {}

  /** Every replica's state, in the order the replica URL names them. */
  abstract List<ReplicaState> states();

  /** This view judging lag against {@code maxLag}, waiting at most {@code timeout}. */
  abstract ReplicaView withLimits(Duration maxLag, Duration timeout);

  static ReplicaView of(Database database) {
    return new ReplicaView() {
      @Override
      List<ReplicaState> states() {
        return database.replicaStates();
      }

      @Override
      ReplicaView withLimits(Duration maxLag, Duration timeout) {
        return this;
      }
    };
  }

  static ReplicaView probing(Dialect dialect, List<ResolvedUrl> servers, ServerOpener opener) {
    return new Probing(dialect, servers, opener, null, null);
  }

  private static final class Probing extends ReplicaView {
    private final Dialect dialect;
    private final List<ResolvedUrl> servers;
    private final ServerOpener opener;
    private final Duration timeout;
    private final PrimaryPositions positions;
    private final List<ReplicaInspector> inspectors = new ArrayList<>();

    Probing(
        Dialect dialect,
        List<ResolvedUrl> servers,
        ServerOpener opener,
        Duration maxLag,
        Duration timeout) {
      this.dialect = dialect;
      this.servers = servers;
      this.opener = opener;
      this.timeout = timeout;
      this.positions =
          new PrimaryPositions(
              maxLag == null ? 0 : maxLag.multipliedBy(2).plusSeconds(10).toMillis());
      if (maxLag != null) {
        for (ResolvedUrl server : servers) {
          inspectors.add(
              new ReplicaInspector(
                  dialect,
                  dialect.displayUrl(server.url(), true),
                  server.url().password().orElse(null),
                  maxLag,
                  timeout,
                  positions));
        }
      }
    }

    @Override
    void samplePrimary(Connection primary) {
      try {
        ReplicaInspector.samplePrimary(dialect, primary, positions);
      } catch (SQLException e) {
        // Reported through the lag: unknown progress of the primary is not "current".
      }
    }

    @Override
    List<ReplicaState> states() {
      List<ReplicaState> out = new ArrayList<>(servers.size());
      for (int i = 0; i < servers.size(); i++) {
        ReplicaInspector inspector = inspectors.get(i);
        try (Connection c = opener.open(servers.get(i), timeout)) {
          out.add(inspector.inspect(c));
        } catch (SQLException | RuntimeException e) {
          out.add(inspector.unreachable(e));
        }
      }
      return out;
    }

    @Override
    ReplicaView withLimits(Duration maxLag, Duration timeout) {
      return new Probing(dialect, servers, opener, maxLag, timeout);
    }
  }
}
