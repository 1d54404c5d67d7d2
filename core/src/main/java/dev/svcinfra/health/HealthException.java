package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * A health registry was used wrongly: an unknown check name, a duplicate name, a bad timeout. A
 * failing check never raises this; it reports an unhealthy result instead.
 *
 * <pre>{@code
 * try { registry.checkOne("cache"); }
 * catch (HealthException e) { e.code(); }   // ErrorCode.HEALTH_CHECK_UNKNOWN
 * }</pre>
 *
 * @since 0.1
 */
public class HealthException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public HealthException(ErrorCode code, String message) {
    super(code, message);
  }
}
