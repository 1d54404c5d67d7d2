package dev.svcinfra.sql;

import dev.svcinfra.sql.internal.replica.PrimaryPositions;
import dev.svcinfra.sql.internal.replica.ReplicaInspector;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every replica in the background, about twice a second, and hands the findings to the
 * {@link ReplicaRouter}, so that choosing a replica for a read never waits for a round trip. Each
 * round first samples the primary's write position (the yardstick of lag where the dialect measures
 * by positions), then probes the replicas one after the other through their own pools. Each probe
 * waits at most {@link #PROBE_TIMEOUT} for a connection and for each statement. Runs on one daemon
 * thread, stopped when the database closes.
 */
final class ReplicaMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);

  /** Time between the end of one round and the start of the next. */
  static final Duration INTERVAL = Duration.ofMillis(500);

  /** The bound of each borrow and each statement of a probe. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final Database database;
  private final ReplicaRouter router;
  private final PrimaryPositions positions;
  private final ScheduledExecutorService thread;

  /**
   * Connections the probe holds now, counted from before the borrow to after the return, so that
   * {@link Database#activeConnections()} counts only what blocks and callers hold.
   */
  private final AtomicInteger held = new AtomicInteger();

  ReplicaMonitor(Database database, ReplicaRouter router, PrimaryPositions positions) {
    this.database = database;
    this.router = router;
    this.positions = positions;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "svc-infra-replica-monitor");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    thread.scheduleWithFixedDelay(this::round, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One probe of every replica; never throws, or the schedule would stop. */
  void round() {
    try {
      samplePrimary();
      for (ReplicaPool replica : router.replicas()) {
        probe(replica);
      }
    } catch (RuntimeException e) {
      LOG.warn("replica probe failed unexpectedly", e);
    } finally {
      router.firstRoundDone();
    }
  }

  private void samplePrimary() {
    if (!database.dialect().replicationProbe().map(p -> p.readsPrimaryPosition()).orElse(false)) {
      return;
    }
    held.incrementAndGet();
    try (Connection c = database.connection(PROBE_TIMEOUT)) {
      ReplicaInspector.samplePrimary(database.dialect(), c, positions);
    } catch (SQLException | DatabaseException e) {
      // The lag then grows from the last sample: unknown progress of the primary is not "current".
      LOG.debug("cannot sample the primary's write position: {}", e.getMessage());
    } finally {
      held.decrementAndGet();
    }
  }

  /** Connections the probe holds at this moment. */
  int heldConnections() {
    return held.get();
  }

  private void probe(ReplicaPool replica) {
    held.incrementAndGet();
    try {
      probeHeld(replica);
    } finally {
      held.decrementAndGet();
    }
  }

  private void probeHeld(ReplicaPool replica) {
    Connection c;
    try {
      c = database.replicas().borrow(replica, PROBE_TIMEOUT);
    } catch (PoolExhaustedException busy) {
      // Every connection is serving reads: the replica answers, nothing new is known.
      return;
    } catch (DatabaseException e) {
      router.update(replica, replica.inspector().unreachable(e));
      return;
    }
    try (c) {
      var state = replica.inspector().inspect(c);
      if (state.condition() == ReplicaState.Condition.UNREACHABLE) {
        // The connection failed or timed out mid-probe: do not hand it to a request.
        replica.pool().evictConnection(c);
      }
      router.update(replica, state);
    } catch (SQLException e) {
      LOG.debug("cannot return a probe connection to {}: {}", replica.server(), e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(PROBE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
