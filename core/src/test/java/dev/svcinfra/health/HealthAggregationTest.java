package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthAggregationTest {
  private final HealthRegistry registry = new HealthRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void allHealthyIsHealthy() {
    registry.add("a", CheckResult::healthy).add("b", CheckResult::healthy, false);

    assertThat(registry.checkAll().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void criticalUnhealthyMakesTheWholeUnhealthy() {
    registry
        .add("database", () -> CheckResult.unhealthy("down"), true)
        .add("redis", () -> CheckResult.unhealthy("down"), false);

    HealthReport report = registry.checkAll();

    assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(report.passing()).isFalse();
  }

  @Test
  void nonCriticalUnhealthyMakesTheWholeDegraded() {
    registry
        .add("database", CheckResult::healthy, true)
        .add("redis", () -> CheckResult.unhealthy("down"), false);

    HealthReport report = registry.checkAll();

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.passing()).isTrue();
    assertThat(report.failing()).extracting(CheckReport::name).containsExactly("redis");
  }

  @Test
  void degradedCriticalCheckMakesTheWholeDegraded() {
    registry.add("database", () -> CheckResult.degraded("replica lagging"), true);

    assertThat(registry.checkAll().status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void unknownStatusDegradesButDoesNotFail() {
    registry
        .add("database", CheckResult::healthy, true)
        .add("backup", () -> CheckResult.unknown("not run yet"), true);

    assertThat(registry.checkAll().status()).isEqualTo(HealthStatus.DEGRADED);
  }
}
