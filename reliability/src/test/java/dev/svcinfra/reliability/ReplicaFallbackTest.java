package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.ReplicaState.Condition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20: reads leave a stopped replica for the primary within a second without a single failed
 * read, and come back when it runs again; with a replica URL naming two standbys, reads are spread
 * over both and all go to the one left running when the other stops.
 */
class ReplicaFallbackTest {
  private static final String URL = "postgresql://postgres@%s/postgres?sslmode=disable";

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void readsFollowTheReplicasThatRun() throws Exception {
    try (PgNode primary = PgNode.primary("rf1");
        PgNode s1 = PgNode.standbyOf(primary, "rf2");
        PgNode s2 = PgNode.standbyOf(primary, "rf3")) {
      Map<String, Object> figures = new LinkedHashMap<>();

      // One standby: stopped, then started again.
      try (Database db = open(primary, s1.hostPort());
          Reader reader = new Reader(db)) {
        awaitCurrent(db);
        reader.start();
        Thread.sleep(500);
        long stoppedAt = System.nanoTime();
        s1.stop("fast");
        long stopDoneAt = System.nanoTime();
        Thread.sleep(2_000);
        long startedAt = System.nanoTime();
        s1.start();
        long backAt = reader.awaitPort(s1.port(), startedAt, 10_000);
        reader.stop();

        assertThat(reader.failures).as("failed reads: %s", reader.failures).isEmpty();
        long lastOnStandby = reader.lastAt(s1.port(), stoppedAt, startedAt);
        List<Integer> afterASecond = reader.portsBetween(stopDoneAt + 1_000_000_000L, startedAt);
        assertThat(afterASecond).isNotEmpty().containsOnly(primary.port());
        long firstOnPrimary = reader.firstAt(primary.port(), stoppedAt);
        figures.put("one standby: reads", reader.count() + ", failed 0");
        figures.put(
            "one standby stopped: first read on the primary after",
            (firstOnPrimary - stoppedAt) / 1_000_000
                + " ms (pg_ctl stop -m fast took "
                + (stopDoneAt - stoppedAt) / 1_000_000
                + " ms; last read on the standby at +"
                + (lastOnStandby < 0 ? "-" : (lastOnStandby - stoppedAt) / 1_000_000)
                + " ms)");
        figures.put(
            "one standby started again: reads back on it after",
            (backAt - startedAt) / 1_000_000 + " ms");
        assertThat(db.replicaFallbacks()).isPositive();
      }

      // Two standbys in one URL: spread, then one stopped.
      try (Database db = open(primary, s1.hostPort() + "," + s2.hostPort());
          Reader reader = new Reader(db)) {
        awaitCurrent(db);
        assertThat(db.replicaStates()).hasSize(2);
        reader.start();
        Thread.sleep(1_000);
        long stoppedAt = System.nanoTime();
        Map<Integer, Integer> before = reader.histogram(0, stoppedAt);
        assertThat(before.keySet()).containsExactlyInAnyOrder(s1.port(), s2.port());
        s2.stop("fast");
        long stopDoneAt = System.nanoTime();
        Thread.sleep(2_000);
        reader.stop();
        assertThat(reader.failures).as("failed reads: %s", reader.failures).isEmpty();
        List<Integer> after = reader.portsBetween(stopDoneAt + 1_000_000_000L, Long.MAX_VALUE);
        assertThat(after).isNotEmpty().containsOnly(s1.port());
        figures.put("two standbys: reads per server before the stop", before.values() + "");
        figures.put(
            "two standbys, one stopped: reads after 1 s", after.size() + " all on the other");
        s2.start();
      }
      ReliabilityReport.record(
          "20-replica-fallback",
          "20. Replica fallback",
          figures,
          0,
          "A private primary and two streaming standbys; one thread reading in a loop through"
              + " inReadOnlyTransaction. One standby stopped (pg_ctl stop -m fast): no read failed,"
              + " every read from 1 s after the stop on the primary; started again: reads back on"
              + " it. Both standbys in one REPLICA_DB_URL: reads on both; one stopped: no read"
              + " failed, every read from 1 s after on the other.");
    }
  }

  private static Database open(PgNode primary, String replicaHosts) {
    return Database.open(
        DatabaseSettings.from(
            Env.of(
                Map.of(
                    "SQL_URL", URL.formatted(primary.hostPort()),
                    "REPLICA_DB_URL", URL.formatted(replicaHosts),
                    "DB_CONNECT_TIMEOUT", "2"))));
  }

  private static void awaitCurrent(Database db) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!db.replicaStates().stream().allMatch(s -> s.condition() == Condition.CURRENT)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("replicas not current: " + db.replicaStates());
      }
      Thread.sleep(100);
    }
  }

  /** Reads the serving server's port in a loop, remembering when and where each read ran. */
  private static final class Reader implements AutoCloseable {
    private record Read(long nanos, int port) {}

    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Read> reads = Collections.synchronizedList(new ArrayList<>());
    private final RepeatingTask task;

    Reader(Database db) {
      this.task =
          new RepeatingTask(
              "replica-reader",
              5,
              () -> {
                try {
                  int port =
                      db.inReadOnlyTransaction(
                          tx -> tx.query("SELECT inet_server_port()", rs -> rs.getInt(1)).get(0));
                  reads.add(new Read(System.nanoTime(), port));
                } catch (RuntimeException e) {
                  failures.add(e.toString());
                }
              });
    }

    void start() {
      task.start();
    }

    void stop() throws InterruptedException {
      task.stop();
    }

    int count() {
      return reads.size();
    }

    /** When the first read on {@code port} after {@code from} ended; fails if none within. */
    long awaitPort(int port, long from, long limitMs) throws InterruptedException {
      long end = System.nanoTime() + limitMs * 1_000_000;
      while (System.nanoTime() < end) {
        long at = firstAt(port, from);
        if (at >= 0) {
          return at;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no read on port " + port + " within " + limitMs + " ms");
    }

    long firstAt(int port, long from) {
      synchronized (reads) {
        return reads.stream()
            .filter(r -> r.port() == port && r.nanos() >= from)
            .mapToLong(Read::nanos)
            .findFirst()
            .orElse(-1);
      }
    }

    long lastAt(int port, long from, long to) {
      synchronized (reads) {
        return reads.stream()
            .filter(r -> r.port() == port && r.nanos() >= from && r.nanos() < to)
            .mapToLong(Read::nanos)
            .max()
            .orElse(-1);
      }
    }

    List<Integer> portsBetween(long from, long to) {
      synchronized (reads) {
        return reads.stream()
            .filter(r -> r.nanos() >= from && r.nanos() < to)
            .map(Read::port)
            .toList();
      }
    }

    Map<Integer, Integer> histogram(long from, long to) {
      Map<Integer, Integer> out = new TreeMap<>();
      portsBetween(from, to).forEach(p -> out.merge(p, 1, Integer::sum));
      return out;
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
