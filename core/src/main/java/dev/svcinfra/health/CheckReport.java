package dev.svcinfra.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry found for one registered check: its registered name, whether it is critical,
 * the status, how long it took (or how long it was waited for, when it timed out), and the check's
 * message and details.
 *
 * <pre>{@code
 * CheckReport db = registry.checkOne("database");
 * if (db.status() == HealthStatus.UNHEALTHY) log.warn("{}: {}", db.name(), db.message().orElse(""));
 * }</pre>
 *
 * @since 0.1
 */
public record CheckReport(
    String name,
    boolean critical,
    HealthStatus status,
    long latencyMs,
    Optional<String> message,
    Map<String, Object> details) {

  public CheckReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  static CheckReport of(CheckRegistration registration, CheckResult result, long latencyMs) {
    return new CheckReport(
        registration.name(),
        registration.critical(),
        result.status(),
        latencyMs,
        result.message(),
        result.details());
  }

  /** Whether this check lets the service serve: healthy or degraded. */
  public boolean passing() {
    return status == HealthStatus.HEALTHY || status == HealthStatus.DEGRADED;
  }

  /**
   * The wire form: {@code {"name","status","critical","latency_ms","message"?,"details"?}}, ready
   * for any JSON writer.
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("status", status.wireName());
    map.put("critical", critical);
    map.put("latency_ms", latencyMs);
    message.ifPresent(m -> map.put("message", m));
    if (!details.isEmpty()) {
      map.put("details", details);
    }
    return map;
  }
}
