package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side statement timeouts on PostgreSQL and MariaDB, and the connection afterwards. */
class StatementTimeoutTest extends DatabaseSuite {

  @Test
  void postgresCancelsASlowStatementAndTheConnectionStaysHealthy() {
    Database db = open(TestDatabase.POSTGRESQL, s -> s.withPool(s.pool().withSize(1)));
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    TransactionOptions.defaults().withStatementTimeout(Duration.ofMillis(300)),
                    tx -> tx.query("SELECT pg_sleep(5)", rs -> 1)))
        .isInstanceOf(StatementTimeoutException.class)
        .extracting("code")
        .isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    // The only connection of the pool works, and the limit ended with its transaction.
    String setting =
        db.inTransaction(
            tx ->
                tx.query("SELECT current_setting('statement_timeout')", rs -> rs.getString(1))
                    .get(0));
    assertThat(setting).isEqualTo("0");
    List<Integer> one = db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
    assertThat(one).containsExactly(1);
  }

  @Test
  void postgresUsesDbStatementTimeoutByDefault() {
    Database db =
        open(
            TestDatabase.POSTGRESQL,
            s -> s.withTimeouts(s.timeouts().withStatement(Duration.ofMillis(250))));
    assertThatThrownBy(() -> db.useTransaction(tx -> tx.query("SELECT pg_sleep(3)", rs -> 1)))
        .isInstanceOf(StatementTimeoutException.class);
    String inside =
        db.inTransaction(
            tx ->
                tx.query("SELECT current_setting('statement_timeout')", rs -> rs.getString(1))
                    .get(0));
    assertThat(inside).isEqualTo("250ms");
  }

  @Test
  void mariadbCancelsASlowStatementAndResetsTheSessionLimit() {
    Database db = open(TestDatabase.MARIADB, s -> s.withPool(s.pool().withSize(1)));
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    TransactionOptions.defaults().withStatementTimeout(Duration.ofMillis(300)),
                    tx -> tx.query("SELECT SLEEP(5)", rs -> 1)))
        .isInstanceOf(StatementTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    double limit =
        db.inTransaction(
            tx -> tx.query("SELECT @@SESSION.max_statement_time", rs -> rs.getDouble(1)).get(0));
    assertThat(limit).isZero();
    List<Integer> slept = db.inTransaction(tx -> tx.query("SELECT SLEEP(0.5)", rs -> rs.getInt(1)));
    assertThat(slept).containsExactly(0);
  }
}
