package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthConcurrencyTest {
  private final HealthRegistry registry = new HealthRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void checkAllStartsEveryCheckAtOnce() {
    List<Long> starts = new CopyOnWriteArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      registry.add(
          name,
          () -> {
            starts.add(System.nanoTime());
            Thread.sleep(300);
            return CheckResult.healthy();
          });
    }

    long begin = System.nanoTime();
    HealthReport report = registry.checkAll();
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

    assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(starts).hasSize(4);
    long spreadMs =
        TimeUnit.NANOSECONDS.toMillis(
            starts.stream().mapToLong(Long::longValue).max().orElseThrow()
                - starts.stream().mapToLong(Long::longValue).min().orElseThrow());
    assertThat(spreadMs).isLessThan(50);
    // Four 300 ms checks one after another would take 1200 ms.
    assertThat(elapsedMs).isLessThan(900);
  }

  @Test
  void aSlowCheckTimesOutUnderItsRegisteredNameWithoutDelayingTheOthers() {
    AtomicBoolean interrupted = new AtomicBoolean();
    registry.add(
        "slow-api",
        () -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
          return CheckResult.healthy();
        },
        false,
        Duration.ofMillis(300));
    registry.add("database", CheckResult::healthy, true, Duration.ofSeconds(5));

    long begin = System.nanoTime();
    HealthReport report = registry.checkAll();
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

    assertThat(elapsedMs).isBetween(300L, 1_500L);
    CheckReport slow = report.check("slow-api").orElseThrow();
    assertThat(slow.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(slow.message().orElseThrow()).startsWith("'slow-api' timed out after");
    assertThat(slow.latencyMs()).isGreaterThanOrEqualTo(300);
    CheckReport database = report.check("database").orElseThrow();
    assertThat(database.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(database.latencyMs()).isLessThan(300);
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    waitFor(interrupted::get);
    assertThat(interrupted).isTrue();
  }

  @Test
  void aCheckStuckInAnUninterruptibleCallRunsOnceForAllCallers() throws Exception {
    AtomicInteger invocations = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    registry.add(
        "stuck",
        () -> {
          invocations.incrementAndGet();
          awaitIgnoringInterrupts(release);
          return CheckResult.healthy();
        },
        true,
        Duration.ofMillis(200));

    CheckReport first = registry.checkOne("stuck");
    CheckReport second = registry.checkOne("stuck");

    assertThat(first.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(second.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(second.message().orElseThrow()).contains("its previous run has not returned");
    assertThat(invocations).hasValue(1);

    release.countDown();
    // The first healthy answer may be the released run itself, shared with the caller; what
    // matters is that once it has returned, every check starts a fresh run again.
    waitFor(() -> registry.checkOne("stuck").status() == HealthStatus.HEALTHY);
    int before = invocations.get();
    assertThat(registry.checkOne("stuck").status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(invocations).hasValue(before + 1);
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException ignored) {
        // simulates a driver call that does not react to interrupts
      }
    }
  }

  private static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
