package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a read carrying a consistency token runs (issue 20), on the shared servers: the "replica"
 * is a second pool on the same database, which as a primary has applied every position, so a token
 * of this database reads from it. A token of another primary or another kind of database reads from
 * the primary. A position a replica has not reached is the reliability suite's (a real standby).
 */
class ConsistencyTokenRoutingTest extends DatabaseSuite {

  private Database withReplica(TestDatabase kind) {
    String url = kind.newUrl();
    return track(Database.open(dev.svcinfra.config.DatabaseSettings.of(url).withReplica(url)));
  }

  @Test
  void postgresIssuesWalPositionsAndReadsThemBackFromTheReplicaPool() {
    Database db = withReplica(TestDatabase.POSTGRESQL);
    db.useTransaction(tx -> tx.execute("CREATE TABLE t (id INT)"));
    db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (1)"));
    ConsistencyToken token = db.consistencyToken().orElseThrow();
    assertThat(token.dialect()).isEqualTo("postgresql");
    assertThat(token.position()).matches("[0-9A-F]+/[0-9A-F]+");
    assertThat(ConsistencyToken.parse(token.value())).isEqualTo(token);
    assertThat(db.inReadOnlyTransaction(token, Transaction::onReplica)).isTrue();
    List<Integer> rows =
        db.inReadOnlyTransaction(token, tx -> tx.query("SELECT id FROM t", rs -> rs.getInt(1)));
    assertThat(rows).containsExactly(1);
    // Positions only grow.
    db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (2)"));
    ConsistencyToken later = db.consistencyToken().orElseThrow();
    assertThat(lsn(later.position())).isGreaterThan(lsn(token.position()));

    ConsistencyToken otherCluster = new ConsistencyToken("postgresql", "1", token.position());
    assertThat(db.inReadOnlyTransaction(otherCluster, Transaction::onReplica)).isFalse();
    ConsistencyToken otherKind = new ConsistencyToken("mariadb", "1", "1/0-1-1");
    assertThat(db.inReadOnlyTransaction(otherKind, Transaction::onReplica)).isFalse();
    assertThat(db.inReadOnlyTransaction((ConsistencyToken) null, Transaction::onReplica)).isTrue();
    // Read-write options ignore the token.
    assertThat(db.inTransaction(TransactionOptions.defaults(), token, Transaction::onReplica))
        .isFalse();
  }

  @Test
  void mariadbChecksGtidPositionsOnTheServer() {
    Database db = withReplica(TestDatabase.MARIADB);
    String serverId =
        db.inTransaction(tx -> tx.query("SELECT CAST(@@server_id AS CHAR)", rs -> rs.getString(1)))
            .get(0);
    boolean binlog =
        db.inTransaction(tx -> tx.query("SELECT @@log_bin", rs -> rs.getInt(1))).get(0) == 1;
    db.useTransaction(tx -> tx.execute("CREATE TABLE t (id INT)"));
    db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (1)"));
    // Without a binary log there is no position a replica could wait for: no token.
    assertThat(db.consistencyToken())
        .as("log_bin=%s", binlog)
        .matches(t -> t.isPresent() == binlog);

    // The primary recognises its own server id: a replica pool pointing at it serves the read.
    ConsistencyToken own =
        new ConsistencyToken("mariadb", serverId, serverId + "/0-" + serverId + "-1");
    assertThat(db.inReadOnlyTransaction(own, Transaction::onReplica)).isTrue();
    // A GTID this server never replicated: MASTER_GTID_WAIT gives up after the bound, and the
    // primary serves the read.
    ConsistencyToken ahead = new ConsistencyToken("mariadb", serverId, "4000/0-4000-99");
    long start = System.nanoTime();
    assertThat(db.inReadOnlyTransaction(ahead, Transaction::onReplica)).isFalse();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).isBetween(ReadYourWrites.WAIT.toMillis() - 10, 5_000L);
    ConsistencyToken otherPrimary = new ConsistencyToken("mariadb", "4000", "4000/0-4000-1");
    assertThat(db.inReadOnlyTransaction(otherPrimary, Transaction::onReplica)).isFalse();
  }

  @Test
  void embeddedDatabasesIssueNoTokenAndStillReadWithOne() {
    for (TestDatabase kind : List.of(TestDatabase.SQLITE, TestDatabase.DUCKDB)) {
      Database db = open(kind);
      db.useTransaction(tx -> tx.execute("CREATE TABLE t (id INT)"));
      assertThat(db.consistencyToken()).as(kind.name()).isEmpty();
      ConsistencyToken foreign = new ConsistencyToken("postgresql", "1", "0/1");
      List<Integer> rows =
          db.inReadOnlyTransaction(
              foreign, tx -> tx.query("SELECT count(*) FROM t", rs -> rs.getInt(1)));
      assertThat(rows).as(kind.name()).containsExactly(0);
    }
  }

  private static long lsn(String position) {
    String[] parts = position.split("/");
    return (Long.parseLong(parts[0], 16) << 32) | Long.parseLong(parts[1], 16);
  }
}
