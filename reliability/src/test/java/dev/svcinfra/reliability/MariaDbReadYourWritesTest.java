package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.sql.ConsistencyToken;
import dev.svcinfra.sql.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20 on MariaDB: a private primary (binary log, GTIDs) and its replica. A read given the
 * consistency token of a write ({@code @@gtid_binlog_pos} after the commit) sees that write every
 * time, from the replica once {@code MASTER_GTID_WAIT} says it has applied it; with the replica's
 * SQL thread stopped, the primary serves such a read.
 */
class MariaDbReadYourWritesTest {
  private static final int ROUNDS = 300;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aReadWithTheTokenOfItsWriteSeesIt() throws Exception {
    try (MariaDbNode primary = MariaDbNode.start("ryw1", 1);
        MariaDbNode replica = MariaDbNode.start("ryw2", 2)) {
      replica.replicateFrom(primary);
      primary.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
      String base = "mariadb://root@%s/app";
      Map<String, String> env =
          Map.of(
              "SQL_URL",
              base.formatted(primary.hostPort()),
              "REPLICA_DB_URL",
              base.formatted(replica.hostPort()),
              "DB_CONNECT_TIMEOUT",
              "2");
      Map<String, Object> figures = new LinkedHashMap<>();
      try (Database db = Database.open(DatabaseSettings.from(Env.of(env)))) {
        awaitReadsOnTheReplica(db);

        int misses = 0;
        int onReplica = 0;
        for (int id = 1; id <= ROUNDS; id++) {
          int row = id;
          db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (?)", row));
          ConsistencyToken token = db.consistencyToken().orElseThrow();
          List<Integer> seen =
              db.inReadOnlyTransaction(
                  token,
                  tx ->
                      tx.query("SELECT @@server_id FROM t WHERE id = ?", rs -> rs.getInt(1), row));
          if (seen.isEmpty()) {
            misses++;
          } else if (seen.get(0) == 2) {
            onReplica++;
          }
        }
        assertThat(misses).as("reads that missed their own write, with the token").isZero();
        assertThat(onReplica).as("reads the replica served").isPositive();
        figures.put(
            "insert, consistencyToken(), inReadOnlyTransaction(token, ...)",
            ROUNDS + " rounds: 0 misses; " + onReplica + " served by the replica");

        int missesWithout = 0;
        for (int id = ROUNDS + 1; id <= 2 * ROUNDS; id++) {
          int row = id;
          db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (?)", row));
          boolean seen =
              !db.inReadOnlyTransaction(
                      tx -> tx.query("SELECT 1 FROM t WHERE id = ?", rs -> 1, row))
                  .isEmpty();
          if (!seen) {
            missesWithout++;
          }
        }
        figures.put("the same without the token", ROUNDS + " rounds: " + missesWithout + " misses");

        // The replica stops applying: a read with the token of a newer write is the primary's.
        replica.execute("STOP SLAVE SQL_THREAD");
        db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (?)", 100_000));
        ConsistencyToken token = db.consistencyToken().orElseThrow();
        List<Integer> servedBy =
            db.inReadOnlyTransaction(
                token,
                tx -> tx.query("SELECT @@server_id FROM t WHERE id = 100000", rs -> rs.getInt(1)));
        assertThat(servedBy).as("the row, read from the primary").containsExactly(1);
        replica.execute("START SLAVE SQL_THREAD");
        figures.put(
            "replica SQL thread stopped", "a read with the token of a newer write: the primary");
      }
      ReliabilityReport.record(
          "20-mariadb-read-your-writes",
          "20. Read-your-writes on a MariaDB replica",
          figures,
          0,
          "A private MariaDB primary (binary log, GTIDs) and its replica (MASTER_USE_GTID=slave_pos)."
              + " Asserted: 300 inserts each read back at once with the token taken after the"
              + " commit, 0 misses and some served by the replica; with the replica's SQL thread"
              + " stopped, a read with a newer token is served by the primary and sees its row.");
    }
  }

  /** Waits (bounded) until the replica has the table and read-only work runs on it. */
  private static void awaitReadsOnTheReplica(Database db) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        // Fails while the table has not reached the replica.
        int server =
            db.inReadOnlyTransaction(
                    tx ->
                        tx.query(
                            "SELECT @@server_id FROM (SELECT COUNT(*) AS n FROM t) AS c",
                            rs -> rs.getInt(1)))
                .get(0);
        if (server == 2) {
          return;
        }
      } catch (RuntimeException notYet) {
        // The table has not reached the replica yet.
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("read-only work never ran on the replica");
      }
      Thread.sleep(100);
    }
  }
}
