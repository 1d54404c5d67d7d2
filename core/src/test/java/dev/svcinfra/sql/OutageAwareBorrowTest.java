package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.testing.TestServices;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database that cannot be reached answers within the connect timeout, not the pool timeout; a
 * pool that is merely busy still waits the whole pool timeout. A borrow with its own bound (a
 * health check's) never waits past that bound and hears of a refused connection at once.
 */
class OutageAwareBorrowTest {
  @Test
  void unreachableDatabaseFailsWithinTheConnectTimeout() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Env env =
        Env.of(
            Map.of(
                "SQL_URL",
                "postgresql://app@127.0.0.1:" + closed + "/app",
                "DB_CONNECT_TIMEOUT",
                "1",
                "DB_POOL_TIMEOUT",
                "20"));
    try (Database db = Database.open(DatabaseSettings.from(env))) {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(db::connection)
            .isInstanceOf(DatabaseUnavailableException.class)
            .isNotInstanceOf(PoolExhaustedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  @Test
  void busyPoolWaitsThePoolTimeout() throws Exception {
    Env env =
        Env.of(
            Map.of(
                "SQL_URL",
                TestServices.postgresUrl(),
                "DB_POOL_SIZE",
                "1",
                "DB_CONNECT_TIMEOUT",
                "1",
                "DB_POOL_TIMEOUT",
                "3"));
    try (Database db = Database.open(DatabaseSettings.from(env));
        Connection held = db.connection()) {
      long start = System.nanoTime();
      assertThatThrownBy(db::connection).isInstanceOf(PoolExhaustedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
      assertThat(held.isValid(1)).isTrue();
    }
  }

  @Test
  void boundedBorrowReportsARefusedConnectionWellBeforeItsBound() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Env env =
        Env.of(
            Map.of(
                "SQL_URL",
                "postgresql://app@127.0.0.1:" + closed + "/app?sslmode=disable",
                "DB_POOL_TIMEOUT",
                "20"));
    try (Database db = Database.open(DatabaseSettings.from(env))) {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> db.connection(Duration.ofSeconds(10)))
            .isInstanceOfSatisfying(
                DatabaseUnavailableException.class, e -> assertThat(e.sqlState()).contains("08001"))
            .isNotInstanceOf(PoolExhaustedException.class)
            .hasMessageContaining("127.0.0.1:" + closed);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void boundedBorrowOfABusyPoolEndsAtItsBound() throws Exception {
    Env env =
        Env.of(
            Map.of(
                "SQL_URL",
                TestServices.postgresUrl(),
                "DB_POOL_SIZE",
                "1",
                "DB_POOL_TIMEOUT",
                "20"));
    try (Database db = Database.open(DatabaseSettings.from(env));
        Connection held = db.connection()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> db.connection(Duration.ofMillis(700)))
          .isInstanceOfSatisfying(
              PoolExhaustedException.class,
              e -> assertThat(e.waited()).isEqualTo(Duration.ofMillis(700)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofMillis(650))
          .isLessThan(Duration.ofSeconds(3));
      assertThat(held.isValid(1)).isTrue();
    }
  }

  @Test
  void boundedBorrowRejectsANonPositiveBound() throws Exception {
    try (Database db = Database.open(TestServices.postgresUrl())) {
      assertThatThrownBy(() -> db.connection(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> db.readConnection(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
