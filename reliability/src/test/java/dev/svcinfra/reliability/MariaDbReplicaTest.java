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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20 on MariaDB: a private primary and a GTID replica. Read-only transactions run on the
 * replica while it is current; a stopped SQL thread, a stopped IO thread ({@code
 * Seconds_Behind_Master} NULL), a replica delayed past {@code DB_REPLICA_MAX_LAG} and a stopped
 * replica server each make the check degraded with the reason and send reads to the primary, and
 * reads come back when the replica does.
 */
class MariaDbReplicaTest {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void readsAndHealthFollowTheReplicasState() throws Exception {
    try (MariaDbNode primary = MariaDbNode.start("mr1", 1);
        MariaDbNode replica = MariaDbNode.start("mr2", 2)) {
      replica.replicateFrom(primary);
      primary.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
      String base = "mariadb://root@%s/app";
      Map<String, String> env =
          Map.of(
              "SQL_URL",
              base.formatted(primary.hostPort()),
              "REPLICA_DB_URL",
              base.formatted(replica.hostPort()),
              "DB_REPLICA_MAX_LAG",
              "2",
              "DB_CONNECT_TIMEOUT",
              "2");
      Map<String, Object> figures = new LinkedHashMap<>();
      try (Database db = Database.open(DatabaseSettings.from(Env.of(env)))) {
        DatabaseCheck check = DatabaseCheck.of(db);
        await(db, s -> s.condition() == Condition.CURRENT, "the replica to be current");
        assertThat(servedBy(db)).isEqualTo(replica.port());
        CheckResult healthy = check.check();
        assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(healthy.details()).containsKey("replica_lag_ms");
        db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (1)"));
        figures.put("current: reads on", "the replica; health " + healthy.status());

        figures.put(
            "SQL thread stopped",
            degradedThenBack(
                db,
                check,
                replica,
                "STOP SLAVE SQL_THREAD",
                "START SLAVE SQL_THREAD",
                "Slave_SQL_Running is No"));
        figures.put(
            "IO thread stopped",
            degradedThenBack(
                db,
                check,
                replica,
                "STOP SLAVE IO_THREAD",
                "START SLAVE IO_THREAD",
                "Slave_IO_Running is No"));

        // A replica 6 s behind with a 2 s limit.
        replica.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=6", "START SLAVE");
        db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (2)"));
        ReplicaState behind = await(db, s -> s.condition() == Condition.BEHIND, "lag past 2 s");
        assertThat(servedBy(db)).isEqualTo(primary.port());
        CheckResult late = check.check();
        assertThat(late.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(late.message())
            .hasValueSatisfying(m -> assertThat(m).contains("> limit 2000 ms"));
        figures.put(
            "delayed 6 s", "degraded \"" + late.message().get() + "\"; reads on the primary");
        replica.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=0", "START SLAVE");
        await(db, s -> s.condition() == Condition.CURRENT, "the replica to catch up");
        assertThat(behind.lagMillis().getAsLong()).isGreaterThan(2_000);
        assertThat(servedBy(db)).isEqualTo(replica.port());

        // The replica server stopped: reads on the primary, none failing.
        replica.stopServer();
        long stoppedAt = System.nanoTime();
        int failed = 0;
        int reads = 0;
        while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(2)) {
          try {
            int port = servedBy(db);
            reads++;
            if (System.nanoTime() - stoppedAt > TimeUnit.SECONDS.toNanos(1)) {
              assertThat(port).isEqualTo(primary.port());
            }
          } catch (RuntimeException e) {
            failed++;
          }
        }
        assertThat(failed).isZero();
        assertThat(check.check().status()).isEqualTo(HealthStatus.DEGRADED);
        replica.startServer();
        await(db, s -> s.condition() == Condition.CURRENT, "the restarted replica");
        assertThat(servedBy(db)).isEqualTo(replica.port());
        figures.put("replica server stopped", reads + " reads in 2 s, 0 failed; back after start");
      }
      ReliabilityReport.record(
          "20-replica-mariadb",
          "20. MariaDB replica",
          figures,
          0,
          "A private MariaDB primary and GTID replica (mariadbd on loopback ports),"
              + " DB_REPLICA_MAX_LAG=2. Reads on the replica while current; SQL thread stopped,"
              + " IO thread stopped, MASTER_DELAY=6 and the replica server stopped each give a"
              + " degraded check naming the reason and reads on the primary, with no failed read;"
              + " reads return when the replica does.");
    }
  }

  private static String degradedThenBack(
      Database db, DatabaseCheck check, MariaDbNode replica, String stop, String start, String why)
      throws Exception {
    replica.execute(stop);
    long at = System.nanoTime();
    await(db, s -> !s.servesReads(), "reads to leave the replica after " + stop);
    long movedMs = (System.nanoTime() - at) / 1_000_000;
    assertThat(servedBy(db)).isNotEqualTo(replica.port());
    CheckResult r = check.check();
    assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains(why));
    replica.execute(start);
    await(db, s -> s.condition() == Condition.CURRENT, "the replica after " + start);
    assertThat(servedBy(db)).isEqualTo(replica.port());
    return "degraded \"" + r.message().get() + "\"; reads on the primary after " + movedMs + " ms";
  }

  private static int servedBy(Database db) {
    return db.inReadOnlyTransaction(tx -> tx.query("SELECT @@port", rs -> rs.getInt(1)).get(0));
  }

  private static ReplicaState await(Database db, Predicate<ReplicaState> done, String what)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    ReplicaState last = db.replicaStates().get(0);
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited 15 s for " + what + "; state: " + last);
      }
      Thread.sleep(50);
      last = db.replicaStates().get(0);
    }
    return last;
  }
}
