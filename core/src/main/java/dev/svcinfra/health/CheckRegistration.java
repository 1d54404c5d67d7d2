package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A check as registered: its name (unique in the registry, usable in a URL path), whether the
 * service is down without it, and how long the registry waits for it.
 *
 * <pre>{@code
 * registry.add("redis", RedisCheck.of(redisUrl), false, Duration.ofSeconds(2));
 * registry.list();   // [CheckRegistration[name=redis, critical=false, timeout=PT2S, ...]]
 * }</pre>
 *
 * @since 0.1
 */
public record CheckRegistration(
    String name, HealthCheck check, boolean critical, Duration timeout) {
  /** The timeout of a check registered without one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public CheckRegistration {
    Objects.requireNonNull(check, "check");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "invalid health check name '"
              + name
              + "': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "health check '" + name + "' needs a positive timeout, got " + timeout);
    }
  }
}
