package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.testing.TcpForwarder;
import dev.svcinfra.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After an outage of several seconds the pool connects within a fraction of a second of the
 * database answering again (issue 18). HikariCP alone doubles its wait between attempts up to 5 s,
 * so after an eight-second outage it noticed the database 2.5 to 5 s late.
 */
class ReconnectAfterOutageTest {

  @Test
  void thePoolReconnectsWithinASecondOfTheDatabaseAnswering() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url =
        TestServices.postgresUrl().replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + port);
    Env env = Env.of(Map.of("SQL_URL", url, "DB_CONNECT_TIMEOUT", "2", "DB_POOL_SIZE", "2"));
    try (Database db = Database.open(DatabaseSettings.from(env))) {
      long down = System.nanoTime();
      while (System.nanoTime() - down < Duration.ofSeconds(8).toNanos()) {
        assertThatThrownBy(() -> db.connection(Duration.ofMillis(300)))
            .isInstanceOf(DatabaseUnavailableException.class)
            .isNotInstanceOf(PoolExhaustedException.class);
        Thread.sleep(200);
      }
      try (TcpForwarder up = TcpForwarder.start(port, TestServices.postgresPort())) {
        long upAt = System.nanoTime();
        long connectedAt = 0;
        while (connectedAt == 0 && System.nanoTime() - upAt < Duration.ofSeconds(10).toNanos()) {
          try (Connection c = db.connection(Duration.ofMillis(100))) {
            connectedAt = System.nanoTime();
          } catch (DatabaseUnavailableException notYet) {
            Thread.sleep(10);
          }
        }
        assertThat(connectedAt).as("connected within 10 s").isPositive();
        Duration late = Duration.ofNanos(connectedAt - upAt);
        assertThat(late)
            .as("first connection after the database answered")
            .isLessThan(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void closingThePoolDuringAnOutageDoesNotWaitForTheRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Database db = Database.open("postgresql://app@127.0.0.1:" + port + "/app?sslmode=disable");
    assertThatThrownBy(() -> db.connection(Duration.ofMillis(500)))
        .isInstanceOf(DatabaseUnavailableException.class);
    long start = System.nanoTime();
    db.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
