package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.testing.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Read-only transactions go to the replica pool, everything else to the primary. The "replica" is a
 * second pool on the same PostgreSQL database with another application_name, which tells the pools
 * apart.
 */
class ReplicaRoutingTest extends DatabaseSuite {

  @Test
  void readOnlyWorkUsesTheReplicaAndWritesStayOnThePrimary() {
    String url = TestServices.newPostgresDatabase();
    Database db =
        track(
            Database.open(
                DatabaseSettings.of(url + "&application_name=primary")
                    .withReplica(url + "&application_name=replica")));
    assertThat(db.hasReplica()).isTrue();
    String app = "SELECT current_setting('application_name')";
    List<String> fromReplica = db.inReadOnlyTransaction(tx -> tx.query(app, rs -> rs.getString(1)));
    assertThat(fromReplica).containsExactly("replica");
    List<String> fromPrimary = db.inTransaction(tx -> tx.query(app, rs -> rs.getString(1)));
    assertThat(fromPrimary).containsExactly("primary");
    db.useTransaction(tx -> tx.execute("CREATE TABLE t (id INT)"));
    // A read-only transaction cannot write, even though the replica here is the same server.
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    TransactionOptions.readOnly(), tx -> tx.execute("INSERT INTO t VALUES (1)")))
        .isInstanceOf(DatabaseException.class)
        .extracting("code")
        .isEqualTo(ErrorCode.READ_ONLY_TRANSACTION);
    db.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (1)"));
    List<Integer> count =
        db.inReadOnlyTransaction(tx -> tx.query("SELECT COUNT(*) FROM t", rs -> rs.getInt(1)));
    assertThat(count).containsExactly(1);
  }

  @Test
  void readOnlyOnThePrimaryStaysOnThePrimaryAndCannotWrite() {
    String url = TestServices.newPostgresDatabase();
    Database db =
        track(
            Database.open(
                DatabaseSettings.of(url + "&application_name=primary")
                    .withReplica(url + "&application_name=replica")));
    String app = "SELECT current_setting('application_name')";
    TransactionOptions options =
        TransactionOptions.readOnlyOnPrimary().withStatementTimeout(Duration.ofSeconds(5));
    assertThat(options.isReadOnly()).isTrue();
    assertThat(options.onReplica()).isFalse();
    List<String> from = db.inTransaction(options, tx -> tx.query(app, rs -> rs.getString(1)));
    assertThat(from).containsExactly("primary");
    db.useTransaction(tx -> tx.execute("CREATE TABLE t (id INT)"));
    assertThatThrownBy(
            () -> db.useTransaction(options, tx -> tx.execute("INSERT INTO t VALUES (1)")))
        .isInstanceOf(DatabaseException.class)
        .extracting("code")
        .isEqualTo(ErrorCode.READ_ONLY_TRANSACTION);
    assertThat(TransactionOptions.defaults().asReadOnlyOnPrimary().onReplica()).isFalse();
    assertThatThrownBy(() -> new TransactionOptions(false, false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A replica of another kind of database is refused before any pool opens. */
  @Test
  void aReplicaOfAnotherDatabaseKindIsRefused() {
    String url = TestServices.newPostgresDatabase();
    assertThatThrownBy(
            () ->
                Database.open(DatabaseSettings.of(url).withReplica("mysql://app@127.0.0.1:1/app")))
        .isInstanceOf(dev.svcinfra.config.ConfigException.class)
        .hasMessageContaining("is mysql but the primary is postgresql")
        .hasMessageContaining("a replica must be the same database");
    // mysql:// and mariadb:// are two dialects: one cannot stand in for the other.
    assertThatThrownBy(
            () ->
                Database.open(
                    DatabaseSettings.of("mariadb://app@127.0.0.1:1/app")
                        .withReplica("mysql://app@127.0.0.1:1/app")))
        .hasMessageContaining("is mysql but the primary is mariadb");
  }
}
