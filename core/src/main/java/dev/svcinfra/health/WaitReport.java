package dev.svcinfra.health;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How {@link HealthRegistry#waitUntilHealthy} ended: whether the checks passed (healthy or
 * degraded) before the deadline, after how many attempts and how long, and the last report, whose
 * {@link #failing()} checks say what was still wrong.
 *
 * <pre>{@code
 * WaitReport wait = registry.waitUntilHealthy(Duration.ofSeconds(60), Duration.ofSeconds(2));
 * if (!wait.ready()) throw new IllegalStateException("dependencies not ready: " + wait.summary());
 * }</pre>
 *
 * @since 0.1
 */
public record WaitReport(boolean ready, int attempts, Duration waited, HealthReport last) {
  public WaitReport {
    Objects.requireNonNull(waited, "waited");
    Objects.requireNonNull(last, "last");
  }

  /** The checks of the last attempt that were not healthy. */
  public List<CheckReport> failing() {
    return last.failing();
  }

  /**
   * One line for logs and exceptions: {@code "ready after 2 attempts (1.4 s)"} or {@code "not ready
   * after 30 attempts (60.0 s): database unhealthy (connection refused)"}.
   */
  public String summary() {
    String head =
        (ready ? "ready" : "not ready")
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + String.format(Locale.ROOT, " (%.1f s)", waited.toMillis() / 1000.0);
    List<CheckReport> failing = failing();
    if (failing.isEmpty()) {
      return head;
    }
    return head
        + ": "
        + failing.stream()
            .map(
                c ->
                    c.name()
                        + " "
                        + c.status().wireName()
                        + c.message().map(m -> " (" + m + ")").orElse(""))
            .collect(Collectors.joining(", "));
  }
}
