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
 * A database that cannot be reached answers within the connect timeout, not the pool timeout;
 * a pool that is merely busy still waits the whole pool timeout.
 */
class OutageAwareBorrowTest {
  @Test
  void unreachableDatabaseFailsWithinTheConnectTimeout() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Env env = Env.of(Map.of("SQL_URL", "postgresql://app@127.0.0.1:" + closed + "/app",
        "DB_CONNECT_TIMEOUT", "1", "DB_POOL_TIMEOUT", "20"));
    try (Database db = Database.open(DatabaseSettings.from(env))) {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(db::connection).isInstanceOf(DatabaseUnavailableException.class)
            .isNotInstanceOf(PoolExhaustedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  @Test
  void busyPoolWaitsThePoolTimeout() throws Exception {
    Env env = Env.of(Map.of("SQL_URL", TestServices.postgresUrl(), "DB_POOL_SIZE", "1",
        "DB_CONNECT_TIMEOUT", "1", "DB_POOL_TIMEOUT", "3"));
    try (Database db = Database.open(DatabaseSettings.from(env));
         Connection held = db.connection()) {
      long start = System.nanoTime();
      assertThatThrownBy(db::connection).isInstanceOf(PoolExhaustedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
      assertThat(held.isValid(1)).isTrue();
    }
  }
}
