package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.migrate.internal.runtime.LockedRun;
import dev.svcinfra.testing.TestServices;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code DB_SOCKET_TIMEOUT} bounds a request whose server stops answering: the request fails as
 * {@code database_unavailable} after the socket timeout, its connection is replaced, and the next
 * request works. A transaction with a longer statement timeout of its own and a migration run are
 * not cut off (issue 18). A server that sleeps stands in for one that is frozen: no byte comes back
 * either way.
 */
class SocketTimeoutTest {

  @Test
  void postgres() {
    check(TestServices.postgresUrl(), "SELECT pg_sleep(%d)");
  }

  @Test
  void mariadb() {
    check(TestServices.mariadbUrl(), "SELECT SLEEP(%d)");
  }

  private static void check(String url, String sleep) {
    Env env = Env.of(Map.of("SQL_URL", url, "DB_SOCKET_TIMEOUT", "1", "DB_POOL_SIZE", "2"));
    try (Database db = Database.open(DatabaseSettings.from(env))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> db.inTransaction(tx -> tx.query(String.format(sleep, 4), rs -> 1)))
          .isInstanceOf(DatabaseUnavailableException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofMillis(900))
          .isLessThan(Duration.ofMillis(3_000));
      assertThat(db.activeConnections()).isZero();
      List<Integer> one = db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
      assertThat(one).containsExactly(1);

      // A statement timeout longer than the socket timeout lifts it for its transaction.
      List<Integer> slept =
          db.inTransaction(
              TransactionOptions.defaults().withStatementTimeout(Duration.ofSeconds(5)),
              tx -> tx.query(String.format(sleep, 2), rs -> 1));
      assertThat(slept).hasSize(1);

      // A migration run has no socket timeout at all.
      int ran =
          LockedRun.with(
              db,
              "svc_infra_socket_test",
              Duration.ofSeconds(5),
              false,
              c -> {
                try (Statement st = c.createStatement()) {
                  st.execute(String.format(sleep, 2));
                  return 1;
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(ran).isEqualTo(1);
      // Back in the pool, the connection has the socket timeout again.
      long again = System.nanoTime();
      assertThatThrownBy(() -> db.inTransaction(tx -> tx.query(String.format(sleep, 4), rs -> 1)))
          .isInstanceOf(DatabaseUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofMillis(3_000));
      assertThat(db.activeConnections()).isZero();
    }
  }
}
