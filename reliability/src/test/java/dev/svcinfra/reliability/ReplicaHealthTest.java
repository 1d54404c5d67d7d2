package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.ReplicaState;
import dev.svcinfra.sql.ReplicaState.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20: the replica's state and lag are reported truthfully. A private primary and its
 * streaming standby; the standby is cut off from the primary ({@code primary_conninfo} pointing at
 * a closed port) while the primary takes writes, then its replay is paused, then the primary stays
 * idle. Each time the health check and the routing of read-only transactions are asserted.
 */
class ReplicaHealthTest {
  private static final long IDLE_SECONDS = 60;

  private static final long MAX_LAG_MS = 3_000;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void cutPausedAndIdleReplicasAreReportedAsTheyAre() throws Exception {
    try (PgNode primary = PgNode.primary("rh1");
        PgNode standby = PgNode.standbyOf(primary, "rh2")) {
      primary.execute(
          "CREATE TABLE ticks (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
      String base = "postgresql://postgres@%s/postgres?sslmode=disable";
      Map<String, String> env =
          Map.of(
              "SQL_URL", base.formatted(primary.hostPort()),
              "REPLICA_DB_URL", base.formatted(standby.hostPort()),
              "DB_REPLICA_MAX_LAG", String.valueOf(MAX_LAG_MS / 1000));
      Map<String, Object> figures = new LinkedHashMap<>();
      try (Database db = Database.open(DatabaseSettings.from(Env.of(env)));
          Writer writer = new Writer(db)) {
        DatabaseCheck check = DatabaseCheck.of(db);
        await(db, s -> s.condition() == Condition.CURRENT, 10_000, "the standby to be current");
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(readsFromStandby(db)).isTrue();

        // 1. Replication cut under writes.
        String conninfo = standby.column("SHOW primary_conninfo").get(0);
        writer.start();
        long cutAt = System.nanoTime();
        standby.execute(
            "ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port="
                + PostgresServer.freePort()
                + " user=postgres'",
            "SELECT pg_reload_conf()");
        CheckResult cut = awaitCheck(check, r -> r.status() == HealthStatus.DEGRADED, 10_000);
        long degradedMs = (System.nanoTime() - cutAt) / 1_000_000;
        assertThat(cut.message()).hasValueSatisfying(m -> assertThat(m).contains("not streaming"));
        figures.put("cut: degraded after", degradedMs + " ms (\"" + cut.message().get() + "\")");
        ReplicaState behind =
            await(db, s -> !s.servesReads(), 2 * MAX_LAG_MS + 2_000, "reads to leave the standby");
        long leftMs = (System.nanoTime() - cutAt) / 1_000_000;
        assertThat(behind.lagMillis().getAsLong()).isGreaterThan(MAX_LAG_MS);
        assertThat(readsFromStandby(db)).isFalse();
        writer.stop();
        long onPrimary = countRows(db);
        assertThat(onPrimary).isEqualTo(writer.written.get());
        figures.put(
            "cut: reads moved to the primary after",
            leftMs + " ms, lag then " + behind.lagMillis().getAsLong() + " ms");
        long standbyRows = Long.parseLong(standby.column("SELECT count(*) FROM ticks").get(0));
        figures.put("cut: rows behind on the standby", (onPrimary - standbyRows) + "");
        assertThat(standbyRows).isLessThan(onPrimary);

        // Reconnected: it catches up and serves reads again.
        standby.execute(
            "ALTER SYSTEM SET primary_conninfo = '" + conninfo.replace("'", "''") + "'",
            "SELECT pg_reload_conf()");
        await(db, s -> s.condition() == Condition.CURRENT, 15_000, "the standby to catch up");
        assertThat(readsFromStandby(db)).isTrue();
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);

        // 2. Replay paused.
        standby.execute("SELECT pg_wal_replay_pause()");
        long pausedAt = System.nanoTime();
        CheckResult paused = awaitCheck(check, r -> r.status() == HealthStatus.DEGRADED, 10_000);
        assertThat(paused.message()).hasValueSatisfying(m -> assertThat(m).contains("paused"));
        await(db, s -> !s.servesReads(), 2_000, "reads to leave the paused standby");
        assertThat(readsFromStandby(db)).isFalse();
        figures.put(
            "paused: degraded after",
            (System.nanoTime() - pausedAt) / 1_000_000
                + " ms (\""
                + paused.message().get()
                + "\")");
        standby.execute("SELECT pg_wal_replay_resume()");
        await(db, s -> s.condition() == Condition.CURRENT, 10_000, "replay to resume");

        // 3. An idle primary: no lag however long nothing is written (60 s, as long as the
        // naive formula needs to report a minute of lag that is not there).
        db.useTransaction(tx -> tx.execute("INSERT INTO ticks DEFAULT VALUES"));
        long worst = 0;
        long idleStart = System.nanoTime();
        while (System.nanoTime() - idleStart < TimeUnit.SECONDS.toNanos(IDLE_SECONDS)) {
          Thread.sleep(1_000);
          CheckResult r = check.check();
          assertThat(r.status()).as("idle: %s", r).isEqualTo(HealthStatus.HEALTHY);
          worst = Math.max(worst, ((Number) r.details().get("replica_lag_ms")).longValue());
        }
        String naive =
            standby
                .column(
                    "SELECT round(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
                        + " * 1000)")
                .get(0);
        assertThat(worst).isLessThan(2_000);
        figures.put(
            "idle " + IDLE_SECONDS + " s: largest lag reported",
            worst + " ms (now() - pg_last_xact_replay_timestamp() says " + naive + " ms)");
      }
      ReliabilityReport.record(
          "20-replica-health",
          "20. Replica state and lag",
          figures,
          0,
          "A private primary and streaming standby, DB_REPLICA_MAX_LAG=3. Cut (primary_conninfo"
              + " to a closed port, reload) under writes: readiness degraded within 10 s saying"
              + " \"not streaming\", reads on the primary once the lag passes the limit, every"
              + " row there; reconnected: reads back on the standby. Replay paused: degraded"
              + " saying \"paused\", reads on the primary. Idle primary for 20 s: healthy, lag"
              + " under 2 s each second.");
    }
  }

  /** Whether a read-only transaction runs on the standby now. */
  private static boolean readsFromStandby(Database db) {
    return db.inReadOnlyTransaction(
        tx -> tx.query("SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1)).get(0));
  }

  private static long countRows(Database db) {
    return db.inReadOnlyTransaction(
        tx -> tx.query("SELECT count(*) FROM ticks", rs -> rs.getLong(1)).get(0));
  }

  private static ReplicaState await(
      Database db, Predicate<ReplicaState> done, long limitMs, String what)
      throws InterruptedException {
    long end = System.nanoTime() + limitMs * 1_000_000;
    List<ReplicaState> last = db.replicaStates();
    while (System.nanoTime() < end) {
      last = db.replicaStates();
      if (done.test(last.get(0))) {
        return last.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("waited " + limitMs + " ms for " + what + "; state: " + last);
  }

  private static CheckResult awaitCheck(
      DatabaseCheck check, Predicate<CheckResult> done, long limitMs) throws InterruptedException {
    long end = System.nanoTime() + limitMs * 1_000_000;
    CheckResult last = check.check();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited " + limitMs + " ms; last result: " + last);
      }
      Thread.sleep(100);
      last = check.check();
    }
    return last;
  }

  /** Inserts a row every 20 ms on the primary until stopped. */
  private static final class Writer implements AutoCloseable {
    final AtomicLong written = new AtomicLong();
    private final RepeatingTask task;

    Writer(Database db) {
      this.task =
          new RepeatingTask(
              "replica-health-writer",
              20,
              () -> {
                db.useTransaction(tx -> tx.execute("INSERT INTO ticks DEFAULT VALUES"));
                written.incrementAndGet();
              });
    }

    void start() {
      task.start();
    }

    void stop() throws InterruptedException {
      task.stop();
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
