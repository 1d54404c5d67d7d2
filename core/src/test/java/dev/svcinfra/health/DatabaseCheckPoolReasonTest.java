package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database check over a service's pool reports why the pool has no connection (the driver's
 * reason and SQLState, or an exhausted pool) within the check's own timeout, so a registry that
 * waits the same timeout shows that reason instead of its own "timed out".
 */
class DatabaseCheckPoolReasonTest {
  private static final String SECRET = "Sup3rSecretPw";
  private final HealthRegistry registry = new HealthRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void refusedConnectionReportsTheDriversReasonAndSqlState() throws Exception {
    int port = SilentServer.closedPort();
    String url = "postgresql://postgres:" + SECRET + "@127.0.0.1:" + port + "/test?sslmode=disable";
    try (Database db = Database.open(url)) {
      registry.add("database", DatabaseCheck.of(db));

      CheckReport report = registry.checkOne("database");

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.message().orElseThrow())
          .contains("127.0.0.1:" + port)
          .containsIgnoringCase("refused")
          .contains("[SQLState 08001]")
          .doesNotContain("timed out")
          .doesNotContain(SECRET);
      assertThat(report.latencyMs()).isLessThan(DatabaseCheck.DEFAULT_TIMEOUT.toMillis());
    }
  }

  @Test
  void unknownPostgresRoleReportsTheServersRejection() {
    String url =
        TestServices.postgresUrl()
            .replace("postgresql://postgres@", "postgresql://no_such_role:" + SECRET + "@");
    try (Database db = Database.open(url)) {
      registry.add("database", DatabaseCheck.of(db));

      CheckReport report = registry.checkOne("database");

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.message().orElseThrow())
          .contains("role \"no_such_role\"")
          .contains("[SQLState 28000]")
          .doesNotContain("timed out")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void wrongMariadbPasswordReportsAccessDeniedWithoutThePassword() {
    String url =
        TestServices.mariadbUrl().replace("mariadb://root@", "mariadb://root:" + SECRET + "@");
    try (Database db = Database.open(url)) {
      registry.add("database", DatabaseCheck.of(db));

      CheckReport report = registry.checkOne("database");

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.message().orElseThrow())
          .contains("Access denied")
          .contains("[SQLState 28000]")
          .doesNotContain("timed out")
          .doesNotContain(SECRET);
      assertThat(report.toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void exhaustedPoolIsReportedByTheCheckWithinItsTimeout() throws Exception {
    DatabaseSettings settings =
        DatabaseSettings.of(TestServices.postgresUrl())
            .withPool(PoolSettings.defaults().withSize(1));
    try (Database db = Database.open(settings);
        Connection held = db.connection()) {
      Duration timeout = Duration.ofSeconds(1);
      registry.add("database", DatabaseCheck.of(db).withTimeout(timeout), true, timeout);

      CheckReport report = registry.checkOne("database");

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.message().orElseThrow())
          .contains("exhausted")
          .doesNotContain("'database' timed out");
      assertThat(report.latencyMs()).isLessThan(timeout.toMillis());
      assertThat(held.isValid(1)).isTrue();
    }
  }

  @Test
  void serverThatNeverAnswersIsReportedByTheCheckWithinItsTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      String url =
          "postgresql://postgres:"
              + SECRET
              + "@127.0.0.1:"
              + silent.port()
              + "/test?sslmode=disable";
      // The pool's own attempt gives up after two seconds; the check must answer before that.
      DatabaseSettings settings =
          DatabaseSettings.of(url)
              .withTimeouts(TimeoutSettings.defaults().withConnect(Duration.ofSeconds(2)));
      try (Database db = Database.open(settings)) {
        Duration timeout = Duration.ofSeconds(1);
        registry.add("database", DatabaseCheck.of(db).withTimeout(timeout), true, timeout);

        CheckReport report = registry.checkOne("database");

        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.message().orElseThrow())
            .startsWith("cannot connect to ")
            .contains("127.0.0.1:" + silent.port())
            .contains("no connection within 800 ms")
            .doesNotContain("exhausted")
            .doesNotContain("'database' timed out")
            .doesNotContain(SECRET);
        assertThat(report.latencyMs()).isLessThan(timeout.toMillis());
      }
    }
  }
}
