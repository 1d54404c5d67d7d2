package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.internal.hooks.DatabaseHooks;
import dev.svcinfra.sql.internal.replica.PrimaryPositions;
import dev.svcinfra.sql.internal.replica.ReplicaInspector;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read replicas of a database: one pool per replica server, the router that chooses among them
 * and the monitor that keeps the router's knowledge fresh. Opened and closed with the {@link
 * Database}.
 */
final class Replicas implements AutoCloseable {
  private final ReplicaRouter router;
  private final ReplicaMonitor monitor;
  private final BorrowFailures borrowing;

  Replicas(
      Database database,
      BorrowFailures borrowing,
      List<ResolvedUrl> servers,
      List<ConnectionTarget> targets) {
    this.borrowing = borrowing;
    DatabaseSettings settings = database.settings();
    PrimaryPositions positions = new PrimaryPositions(positionRetentionMillis(settings));
    List<ReplicaPool> pools = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      pools.add(
          pool(
              database.dialect(),
              database.hooks(),
              settings,
              servers.get(i),
              targets.get(i),
              i,
              positions));
    }
    this.router = new ReplicaRouter(pools);
    this.monitor = new ReplicaMonitor(database, router, positions);
  }

  private static ReplicaPool pool(
      Dialect dialect,
      DatabaseHooks hooks,
      DatabaseSettings settings,
      ResolvedUrl url,
      ConnectionTarget target,
      int index,
      PrimaryPositions positions) {
    String server = dialect.displayUrl(url.url(), true);
    // The first replica keeps the pool name it always had, which metrics and logs are keyed by.
    String name = hooks.replicaPoolName(index);
    HikariDataSource pool =
        PoolBuilder.build(
            name,
            server,
            dialect,
            target,
            settings.pool(),
            settings.timeouts(),
            Integer.MAX_VALUE,
            true,
            hooks.metrics());
    ReplicaInspector inspector =
        new ReplicaInspector(
            dialect,
            server,
            url.url().password().orElse(null),
            settings.replicaMaxLag(),
            ReplicaMonitor.PROBE_TIMEOUT,
            positions);
    return new ReplicaPool(
        server, url, pool, new OutageAwareBorrow(pool, settings.timeouts().connect()), inspector);
  }

  /**
   * How long the primary's sampled positions are kept: long enough to tell a lag of twice the
   * limit, beyond which "at least that far behind" says enough.
   */
  private static long positionRetentionMillis(DatabaseSettings settings) {
    return settings.replicaMaxLag().multipliedBy(2).plusSeconds(10).toMillis();
  }

  void startMonitor() {
    monitor.start();
  }

  ReplicaRouter router() {
    return router;
  }

  /**
   * A connection from {@code replica}'s pool within {@code maxWait}: a stopped replica is known
   * within a quarter of a second, and the caller moves on to the primary.
   */
  Connection borrow(ReplicaPool replica, Duration maxWait) {
    return borrowing.borrow(replica.pool(), replica.borrow(), replica.url(), maxWait);
  }

  /**
   * A connection from the replica the router picks, or empty when none serves reads, its pool is
   * busy for all of {@code maxWait}, or it cannot connect (then it is taken out until the next
   * probe finds it back).
   */
  Optional<Connection> connection(Duration maxWait) {
    Optional<ReplicaPool> replica = router.pick();
    if (replica.isPresent()) {
      try {
        return Optional.of(borrow(replica.get(), maxWait));
      } catch (PoolExhaustedException busy) {
        // Every connection of the replica is busy: the primary takes the overflow.
      } catch (DatabaseUnavailableException e) {
        router.failed(replica.get(), e);
      }
    }
    return Optional.empty();
  }

  /** Connections borrowed from the replica pools by callers (not by the probe). */
  int activeConnections() {
    int active = -monitor.heldConnections();
    for (ReplicaPool r : router.replicas()) {
      active += Database.activeConnections(r.pool());
    }
    return active;
  }

  /** Stops the monitor first, so no probe borrows from a closing pool. */
  @Override
  public void close() {
    monitor.close();
    for (ReplicaPool r : router.replicas()) {
      PoolBuilder.reconnecting(r.pool()).close();
      r.pool().close();
    }
  }
}
