package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitUntilHealthyTest {
  private final HealthRegistry registry = new HealthRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void pollsUntilTheChecksPass() {
    AtomicInteger calls = new AtomicInteger();
    registry.add(
        "database",
        () ->
            calls.incrementAndGet() < 3
                ? CheckResult.unhealthy("connection refused")
                : CheckResult.healthy());

    WaitReport wait = registry.waitUntilHealthy(Duration.ofSeconds(10), Duration.ofMillis(50));

    assertThat(wait.ready()).isTrue();
    assertThat(wait.attempts()).isEqualTo(3);
    assertThat(wait.failing()).isEmpty();
    assertThat(wait.summary()).startsWith("ready after 3 attempts");
  }

  @Test
  void degradedCountsAsReady() {
    registry
        .add("database", CheckResult::healthy)
        .add("redis", () -> CheckResult.unhealthy("connection refused"), false);

    WaitReport wait = registry.waitUntilHealthy(Duration.ofSeconds(5), Duration.ofMillis(50));

    assertThat(wait.ready()).isTrue();
    assertThat(wait.attempts()).isEqualTo(1);
    assertThat(wait.last().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(wait.failing()).extracting(CheckReport::name).containsExactly("redis");
  }

  @Test
  void givesUpAtTheDeadlineAndSaysWhichChecksStillFail() {
    registry
        .add("database", () -> CheckResult.unhealthy("connection refused"))
        .add("cache", CheckResult::healthy);

    long begin = System.nanoTime();
    WaitReport wait = registry.waitUntilHealthy(Duration.ofMillis(600), Duration.ofMillis(100));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

    assertThat(wait.ready()).isFalse();
    assertThat(elapsedMs).isBetween(550L, 1_200L);
    assertThat(wait.attempts()).isBetween(3, 8);
    assertThat(wait.failing()).extracting(CheckReport::name).containsExactly("database");
    assertThat(wait.summary())
        .contains("not ready after")
        .contains("database unhealthy (connection refused)");
  }

  @Test
  void noAttemptOutlivesTheDeadline() {
    registry.add(
        "hanging",
        () -> {
          Thread.sleep(10_000);
          return CheckResult.healthy();
        },
        true,
        Duration.ofSeconds(30));

    long begin = System.nanoTime();
    WaitReport wait = registry.waitUntilHealthy(Duration.ofMillis(400), Duration.ofMillis(100));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

    assertThat(wait.ready()).isFalse();
    assertThat(elapsedMs).isLessThan(1_500);
    assertThat(wait.failing().get(0).message().orElseThrow()).startsWith("'hanging' timed out");
  }

  @Test
  void waitsOnlyForTheNamedChecks() {
    registry
        .add("database", CheckResult::healthy)
        .add("search", () -> CheckResult.unhealthy("down"));

    WaitReport wait =
        registry.waitUntilHealthy(Duration.ofSeconds(1), Duration.ofMillis(50), "database");

    assertThat(wait.ready()).isTrue();
    assertThat(wait.last().checks()).extracting(CheckReport::name).containsExactly("database");
  }

  @Test
  void rejectsUnknownNamesAndNonPositiveDurations() {
    registry.add("database", CheckResult::healthy);

    assertThatThrownBy(
            () -> registry.waitUntilHealthy(Duration.ofSeconds(1), Duration.ofMillis(50), "nope"))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("no health check named 'nope'");
    assertThatThrownBy(() -> registry.waitUntilHealthy(Duration.ZERO, Duration.ofMillis(50)))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(
            () -> registry.waitUntilHealthy(Duration.ofSeconds(1), Duration.ofMillis(-1)))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("interval must be positive");
  }

  @Test
  void aSuccessfulWaitOverAllChecksCompletesTheStartupProbe() {
    AtomicInteger calls = new AtomicInteger();
    registry.add(
        "database",
        () ->
            calls.incrementAndGet() == 1
                ? CheckResult.healthy()
                : CheckResult.unhealthy("outage after start"));

    assertThat(registry.waitUntilHealthy(Duration.ofSeconds(1), Duration.ofMillis(50)).ready())
        .isTrue();

    assertThat(registry.startup().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(calls).hasValue(1);
  }

  @Test
  void startupProbeLatchesTheFirstPassingReport() {
    AtomicInteger calls = new AtomicInteger();
    registry.add(
        "database",
        () ->
            calls.incrementAndGet() == 1
                ? CheckResult.unhealthy("starting")
                : CheckResult.healthy());

    assertThat(registry.startup().status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(registry.startup().status()).isEqualTo(HealthStatus.HEALTHY);
    registry.clear();
    registry.add("database", () -> CheckResult.unhealthy("outage after start"));

    // Started once: a later outage does not fail the startup probe, and checks are not rerun.
    assertThat(registry.startup().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(registry.checkAll().status()).isEqualTo(HealthStatus.UNHEALTHY);
  }
}
