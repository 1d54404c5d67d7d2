package dev.svcinfra.health;

import java.util.Locale;

/**
 * The outcome of a health check, worst last. On the wire it is the lower-case name ({@code
 * "healthy"}).
 *
 * @since 0.1
 */
public enum HealthStatus {
  /** Working. */
  HEALTHY,
  /** Working with reduced function (a non-critical dependency is down, a backup is getting old). */
  DEGRADED,
  /** Not working. */
  UNHEALTHY,
  /** Not determined (the check has not run, or was skipped). */
  UNKNOWN;

  /** The lower-case name used in JSON and CLI output. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
