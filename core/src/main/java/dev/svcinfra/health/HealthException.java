package dev.svcinfra.health;

import dev.svcinfra.SvcInfraException;

/**
 * A health registry was used wrongly: an unknown check name, a duplicate name, a bad timeout.
 * A failing check never raises this; it reports an unhealthy result instead.
 *
 * <pre>{@code
 * try { registry.checkOne("cache"); }
 * catch (HealthException e) { e.code(); }   // "health_check_unknown"
 * }</pre>
 *
 * @since 0.1
 */
public class HealthException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  /** No check is registered under the name asked for. */
  public static final String UNKNOWN = "health_check_unknown";
  /** A check with that name is already registered. */
  public static final String DUPLICATE = "health_check_duplicate";
  /** A name, timeout or interval is not acceptable. */
  public static final String INVALID = "health_check_invalid";

  public HealthException(String code, String message) {
    super(code, message);
  }
}
