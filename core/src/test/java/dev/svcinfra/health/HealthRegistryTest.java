package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {
  private final HealthRegistry registry = new HealthRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void addsListsRemovesAndClearsChecksInRegistrationOrder() {
    registry
        .add("database", CheckResult::healthy)
        .add("redis", CheckResult::healthy, false, Duration.ofSeconds(2));

    assertThat(registry.list())
        .extracting(CheckRegistration::name)
        .containsExactly("database", "redis");
    assertThat(registry.list().get(0).critical()).isTrue();
    assertThat(registry.list().get(0).timeout()).isEqualTo(CheckRegistration.DEFAULT_TIMEOUT);
    assertThat(registry.list().get(1).critical()).isFalse();
    assertThat(registry.list().get(1).timeout()).isEqualTo(Duration.ofSeconds(2));

    assertThat(registry.remove("database")).isTrue();
    assertThat(registry.remove("database")).isFalse();
    assertThat(registry.list()).extracting(CheckRegistration::name).containsExactly("redis");

    registry.clear();
    assertThat(registry.list()).isEmpty();
  }

  @Test
  void rejectsDuplicateNamesAndKeepsTheFirstCheck() {
    registry.add("database", () -> CheckResult.healthy("first"));

    assertThatThrownBy(() -> registry.add("database", () -> CheckResult.unhealthy("second")))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("'database' is already registered")
        .extracting(e -> ((HealthException) e).code())
        .isEqualTo(ErrorCode.HEALTH_CHECK_DUPLICATE);
    assertThat(registry.checkOne("database").message()).contains("first");
  }

  @Test
  void rejectsBadNamesAndTimeoutsWithoutRegisteringAnything() {
    assertThatThrownBy(() -> registry.add("", CheckResult::healthy))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("invalid health check name");
    assertThatThrownBy(() -> registry.add("a/b", CheckResult::healthy))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> registry.add("db", CheckResult::healthy, true, Duration.ZERO))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("positive timeout");
    assertThat(registry.list()).isEmpty();
  }

  @Test
  void unknownNameIsAClearError() {
    registry.add("database", CheckResult::healthy);

    assertThatThrownBy(() -> registry.checkOne("cache"))
        .isInstanceOf(HealthException.class)
        .hasMessage("no health check named 'cache'; registered: database")
        .extracting(e -> ((HealthException) e).code())
        .isEqualTo(ErrorCode.HEALTH_CHECK_UNKNOWN);
  }

  @Test
  void emptyRegistryIsHealthyAndSaysNoChecksAreRegistered() {
    HealthReport report = registry.checkAll();

    assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(report.checks()).isEmpty();
    assertThat(report.message()).contains("no health checks are registered");
    assertThat(report.asMap())
        .containsEntry("status", "healthy")
        .containsEntry("message", "no health checks are registered");
  }

  @Test
  void reportCarriesNameStatusLatencyMessageAndDetails() {
    registry.add(
        "disk",
        () -> {
          Thread.sleep(30);
          return CheckResult.degraded("80% full").withDetail("free_mb", 512);
        },
        false);

    CheckReport report = registry.checkOne("disk");

    assertThat(report.name()).isEqualTo("disk");
    assertThat(report.critical()).isFalse();
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.latencyMs()).isBetween(30L, 2_000L);
    assertThat(report.message()).contains("80% full");
    assertThat(report.asMap())
        .containsEntry("name", "disk")
        .containsEntry("status", "degraded")
        .containsEntry("message", "80% full")
        .containsEntry("details", Map.of("free_mb", 512))
        .containsKey("latency_ms");
  }

  @Test
  void aThrowingCheckIsUnhealthyWithItsMessageAndNoPassword() {
    registry.add(
        "upstream",
        () -> {
          throw new IllegalStateException(
              "cannot reach postgresql://app:hunter2@db:5432/app?password=hunter2");
        });
    registry.add(
        "silent",
        () -> {
          throw new IllegalStateException();
        });
    registry.add("null", () -> null);

    HealthReport report = registry.checkAll();

    CheckReport upstream = report.check("upstream").orElseThrow();
    assertThat(upstream.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(upstream.message().orElseThrow())
        .contains("postgresql://app:***@db:5432/app")
        .doesNotContain("hunter2");
    assertThat(report.check("silent").orElseThrow().message())
        .contains("the check failed without a message");
    assertThat(report.check("null").orElseThrow().message())
        .contains("the check returned no result");
  }

  @Test
  void aClosedRegistrySaysSo() {
    registry.add("a", CheckResult::healthy);
    registry.close();

    assertThatThrownBy(registry::checkAll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this health registry is closed");
  }

  @Test
  void checkRunsOnlyTheNamedChecks() {
    registry.add("a", CheckResult::healthy).add("b", () -> CheckResult.unhealthy("down"));

    assertThat(registry.check("a").checks()).extracting(CheckReport::name).containsExactly("a");
    assertThat(registry.check("a").status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(registry.check().checks()).hasSize(2);
  }
}
