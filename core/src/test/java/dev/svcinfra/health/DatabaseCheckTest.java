package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseCheckTest {
  private static final String SECRET = "Sup3rSecretPw";
  private final HealthRegistry registry = new HealthRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void postgresThroughThePoolIsHealthy() {
    try (Database db = Database.open(TestServices.postgresUrl())) {
      registry.add("database", DatabaseCheck.of(db));

      CheckReport report = registry.checkOne("database");

      assertThat(report.status()).as("%s", report).isEqualTo(HealthStatus.HEALTHY);
      assertThat(report.details()).doesNotContainKey("replica");
    }
  }

  @Test
  void postgresThroughAFreshConnectionIsHealthy() {
    CheckResult result = DatabaseCheck.of(TestServices.postgresUrl()).check();

    assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void mariadbThroughThePoolAndAFreshConnectionIsHealthy() {
    String url = TestServices.mariadbUrl();
    try (Database db = Database.open(url)) {
      assertThat(DatabaseCheck.of(db).check().status()).isEqualTo(HealthStatus.HEALTHY);
    }
    assertThat(DatabaseCheck.of(url).check().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void closedPortIsUnhealthyWithAMaskedMessage() throws Exception {
    int port = SilentServer.closedPort();
    String url = "postgresql://postgres:" + SECRET + "@127.0.0.1:" + port + "/test?sslmode=disable";
    registry.add("database", DatabaseCheck.of(url), true, Duration.ofSeconds(5));

    CheckReport report = registry.checkOne("database");

    assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(report.message().orElseThrow())
        .contains("127.0.0.1:" + port)
        .contains("postgres:***@")
        .doesNotContain(SECRET);
    assertThat(report.latencyMs()).isLessThan(5_000);
  }

  @Test
  void closedPortThroughAPoolIsUnhealthyWithAMaskedMessage() throws Exception {
    int port = SilentServer.closedPort();
    String url = "mariadb://root:" + SECRET + "@127.0.0.1:" + port + "/test";
    try (Database db = Database.open(url)) {
      registry.add("database", DatabaseCheck.of(db), true, Duration.ofSeconds(3));

      CheckReport report = registry.checkOne("database");

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.message().orElseThrow()).doesNotContain(SECRET).doesNotContain("timed out");
      assertThat(report.toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void serverThatNeverAnswersIsUnhealthyWithinTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      String pg =
          "postgresql://postgres:"
              + SECRET
              + "@127.0.0.1:"
              + silent.port()
              + "/test?sslmode=disable";
      String maria = "mariadb://root:" + SECRET + "@127.0.0.1:" + silent.port() + "/test";
      registry.add(
          "postgres",
          DatabaseCheck.of(pg).withTimeout(Duration.ofSeconds(1)),
          true,
          Duration.ofMillis(1_500));
      registry.add(
          "mariadb",
          DatabaseCheck.of(maria).withTimeout(Duration.ofSeconds(1)),
          true,
          Duration.ofMillis(1_500));

      long begin = System.nanoTime();
      HealthReport report = registry.checkAll();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(elapsedMs).isLessThan(3_000);
      assertThat(silent.acceptedCount()).isGreaterThanOrEqualTo(2);
      for (CheckReport check : report.checks()) {
        assertThat(check.status()).as(check.name()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(check.message().orElseThrow()).as(check.name()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void wrongPasswordRejectedByARealServerNeverShowsThePassword() {
    String url =
        TestServices.mariadbUrl().replace("mariadb://root@", "mariadb://root:" + SECRET + "@");

    CheckResult result = DatabaseCheck.of(url).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.message().orElseThrow()).contains("root:***@").doesNotContain(SECRET);
  }

  @Test
  void postgresReplicaIsPingedAndAskedForItsLag() {
    String url = TestServices.postgresUrl();
    // The test server is a primary: the lag query answers "not in recovery", which proves the
    // query runs; a real standby answers its replay lag in milliseconds instead.
    try (Database db = Database.open(DatabaseSettings.of(url).withReplica(url))) {
      CheckResult result = DatabaseCheck.of(db).check();

      assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
      assertThat(result.details()).containsEntry("replica_in_recovery", false);
      assertThat(result.message())
          .contains("the configured replica is not in recovery (it is a primary)");
    }
  }

  @Test
  void replicaDownMakesTheCheckDegradedNotUnhealthy() throws Exception {
    String url = TestServices.postgresUrl();
    String replica =
        "postgresql://postgres:"
            + SECRET
            + "@127.0.0.1:"
            + SilentServer.closedPort()
            + "/test?sslmode=disable";
    CheckResult result =
        DatabaseCheck.of(DatabaseSettings.of(url).withReplica(replica))
            .withTimeout(Duration.ofSeconds(2))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(result.details()).containsEntry("replica", "unreachable");
    assertThat(result.message().orElseThrow()).startsWith("replica: ").doesNotContain(SECRET);
  }

  @Test
  void mariadbReplicaIsPingedWithoutALagQuery() {
    String url = TestServices.mariadbUrl();
    CheckResult result = DatabaseCheck.of(DatabaseSettings.of(url).withReplica(url)).check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.details()).containsEntry("replica", "reachable");
  }

  @Test
  void rejectsNonPositiveTimeouts() {
    DatabaseCheck check = DatabaseCheck.of(TestServices.postgresUrl());

    assertThatThrownBy(() -> check.withTimeout(Duration.ZERO)).isInstanceOf(HealthException.class);
    assertThatThrownBy(() -> check.withMaxReplicaLag(Duration.ofSeconds(-1)))
        .isInstanceOf(HealthException.class);
  }
}
