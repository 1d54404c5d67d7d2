package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.PoolerSettings;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.testing.TestServices;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind a transaction pooler a statement timeout must end with its transaction (issue 18):
 * PostgreSQL's does; MySQL's and MariaDB's session variable would outlive it, so it is refused.
 */
class PoolerStatementTimeoutTest {
  private static final PoolerSettings TRANSACTION =
      PoolerSettings.none().withMode(PoolerMode.TRANSACTION);

  @Test
  void postgresKeepsItsTransactionScopedTimeoutBehindAPooler() {
    DatabaseSettings settings =
        DatabaseSettings.of(TestServices.newPostgresDatabase())
            .withPooler(TRANSACTION)
            .withPool(PoolSettings.defaults().withSize(1))
            .withTimeouts(TimeoutSettings.defaults().withStatement(Duration.ofMillis(1500)));
    try (Database db = Database.open(settings)) {
      String inside =
          db.inTransaction(
                  tx ->
                      tx.query(
                          "SELECT current_setting('statement_timeout')", rs -> rs.getString(1)))
              .get(0);
      assertThat(inside).isEqualTo("1500ms");
      // The same (only) connection right after, outside any transaction: the setting is gone.
      String sessionLevel;
      try (var c = db.connection();
          var st = c.createStatement();
          var rs = st.executeQuery("SELECT current_setting('statement_timeout')")) {
        rs.next();
        sessionLevel = rs.getString(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      assertThat(sessionLevel).isEqualTo("0");
    }
  }

  @Test
  void mariadbRefusesASessionTimeoutBehindATransactionPooler() {
    String url = TestServices.newMariadbDatabase();
    DatabaseSettings timed =
        DatabaseSettings.of(url)
            .withPooler(TRANSACTION)
            .withTimeouts(TimeoutSettings.defaults().withStatement(Duration.ofSeconds(2)));
    assertThatThrownBy(() -> Database.open(timed).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("statement timeout on mariadb is a session setting")
        .hasMessageContaining("DB_POOLER=transaction");
    try (Database db = Database.open(DatabaseSettings.of(url).withPooler(TRANSACTION))) {
      List<Integer> one = db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
      assertThat(one).containsExactly(1);
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      TransactionOptions.defaults().withStatementTimeout(Duration.ofSeconds(1)),
                      tx -> tx.query("SELECT 1", rs -> rs.getInt(1))))
          .isInstanceOf(ConfigException.class);
      assertThat(db.activeConnections()).isZero();
    }
  }
}
