package dev.svcinfra.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregate of several checks: one status for the service and the report of every check.
 *
 * <p>Aggregation: a critical check that is unhealthy makes the whole unhealthy; a non-critical
 * unhealthy check, any degraded check, or any check whose status is unknown makes it degraded;
 * otherwise it is healthy. No checks at all is healthy, with a message saying so.
 *
 * <pre>{@code
 * HealthReport report = registry.checkAll();
 * int httpStatus = report.status() == HealthStatus.UNHEALTHY ? 503 : 200;
 * }</pre>
 *
 * @since 0.1
 */
public record HealthReport(
    HealthStatus status, List<CheckReport> checks, Optional<String> message) {
  static final String NO_CHECKS = "no health checks are registered";

  public HealthReport {
    Objects.requireNonNull(status, "status");
    checks = List.copyOf(checks);
    Objects.requireNonNull(message, "message");
  }

  /** The aggregate of {@code checks}, by the rules above. */
  public static HealthReport of(List<CheckReport> checks) {
    if (checks.isEmpty()) {
      return new HealthReport(HealthStatus.HEALTHY, checks, Optional.of(NO_CHECKS));
    }
    HealthStatus status = HealthStatus.HEALTHY;
    for (CheckReport check : checks) {
      HealthStatus effect =
          switch (check.status()) {
            case HEALTHY -> HealthStatus.HEALTHY;
            // "unknown" cannot confirm the dependency works, but it has not been seen failing
            // either: report it without taking the service out of rotation.
            case DEGRADED, UNKNOWN -> HealthStatus.DEGRADED;
            case UNHEALTHY -> check.critical() ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED;
          };
      // HealthStatus is declared best first.
      if (effect.compareTo(status) > 0) {
        status = effect;
      }
    }
    return new HealthReport(status, checks, Optional.empty());
  }

  /** Whether the service can serve: healthy or degraded. */
  public boolean passing() {
    return status != HealthStatus.UNHEALTHY;
  }

  /** The checks that are not healthy (unhealthy, degraded or unknown), in registration order. */
  public List<CheckReport> failing() {
    List<CheckReport> out = new ArrayList<>();
    for (CheckReport check : checks) {
      if (check.status() != HealthStatus.HEALTHY) {
        out.add(check);
      }
    }
    return out;
  }

  /** The report of the check registered as {@code name}, if it ran. */
  public Optional<CheckReport> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The wire form, {@code {"status","checks":[...],"message"?}}: what the HTTP routes and the CLI's
   * {@code --json} print.
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("status", status.wireName());
    List<Map<String, Object>> list = new ArrayList<>(checks.size());
    checks.forEach(c -> list.add(c.asMap()));
    map.put("checks", list);
    message.ifPresent(m -> map.put("message", m));
    return map;
  }
}
