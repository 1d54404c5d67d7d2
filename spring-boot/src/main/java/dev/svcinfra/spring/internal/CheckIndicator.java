package dev.svcinfra.spring.internal;

import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.HealthCheck;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A library health check as an Actuator health indicator: healthy is {@code UP}, unhealthy {@code
 * DOWN}, unknown {@code UNKNOWN}; degraded stays {@code UP} (the service still serves) with {@code
 * "svcinfra_status": "degraded"} and the check's message in the details. A check that throws is
 * {@code DOWN} with the exception's message only, never its stack or class. The checks mask
 * passwords in their messages themselves.
 */
public final class CheckIndicator implements HealthIndicator {
  private final HealthCheck check;

  public CheckIndicator(HealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    CheckResult result;
    try {
      result = check.check();
    } catch (Exception e) {
      return Health.down().withDetail("message", String.valueOf(e.getMessage())).build();
    }
    Health.Builder b =
        switch (result.status()) {
          case HEALTHY, DEGRADED -> Health.up();
          case UNHEALTHY -> Health.down();
          case UNKNOWN -> Health.unknown();
        };
    b.withDetail("svcinfra_status", result.status().wireName());
    result.message().ifPresent(m -> b.withDetail("message", m));
    for (Map.Entry<String, Object> e : result.details().entrySet()) {
      b.withDetail(e.getKey(), e.getValue());
    }
    return b.build();
  }
}
