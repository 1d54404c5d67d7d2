package dev.svcinfra.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check found: a status, an optional short message (never holding a secret) and optional
 * details for dashboards ({@code {"replica_lag_ms": 120}}).
 *
 * <pre>{@code
 * HealthCheck disk = () -> free() > min ? CheckResult.healthy() : CheckResult.unhealthy("disk full");
 * }</pre>
 *
 * @since 0.1
 */
public record CheckResult(
    HealthStatus status, Optional<String> message, Map<String, Object> details) {
  public CheckResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static CheckResult healthy() {
    return new CheckResult(HealthStatus.HEALTHY, Optional.empty(), Map.of());
  }

  public static CheckResult healthy(String message) {
    return new CheckResult(HealthStatus.HEALTHY, Optional.of(message), Map.of());
  }

  public static CheckResult degraded(String message) {
    return new CheckResult(HealthStatus.DEGRADED, Optional.of(message), Map.of());
  }

  public static CheckResult unhealthy(String message) {
    return new CheckResult(HealthStatus.UNHEALTHY, Optional.of(message), Map.of());
  }

  /** Not determined: the check could not tell (a skipped or not yet run check). */
  public static CheckResult unknown(String message) {
    return new CheckResult(HealthStatus.UNKNOWN, Optional.of(message), Map.of());
  }

  /** This result with {@code key=value} added to its details. */
  public CheckResult withDetail(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new CheckResult(status, message, more);
  }
}
