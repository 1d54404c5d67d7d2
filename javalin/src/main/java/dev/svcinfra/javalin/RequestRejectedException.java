package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * A request the HTTP layer refuses before any data is touched: no tenant, a body over the size
 * limit, a body that is not JSON. The {@link ErrorCode} decides the status of the problem response
 * ({@code tenant_context_missing} 400, {@code body_too_large} 413, ...); a custom {@link
 * TenantResolver} may throw it too.
 *
 * <pre>{@code
 * throw new RequestRejectedException(ErrorCode.TENANT_CONTEXT_MISSING,
 *     "send the tenant in the X-Tenant-Id header");
 * }</pre>
 *
 * @since 0.1
 */
public class RequestRejectedException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public RequestRejectedException(ErrorCode code, String message) {
    super(code, message);
  }
}
