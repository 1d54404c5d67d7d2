package dev.svcinfra.javalin;

import dev.svcinfra.SvcInfraException;

/**
 * A request the HTTP layer refuses before any data is touched: no tenant, a body over the size
 * limit, a body that is not JSON. Carries the HTTP status and the stable code the problem
 * response shows; a custom {@link TenantResolver} may throw it too.
 *
 * <pre>{@code
 * throw new RequestRejectedException(400, RequestRejectedException.TENANT_CONTEXT_MISSING,
 *     "send the tenant in the X-Tenant-Id header");
 * }</pre>
 *
 * @since 0.1
 */
public class RequestRejectedException extends SvcInfraException {
  private static final long serialVersionUID = 1L;
  /** A tenant resource got no tenant (400). */
  public static final String TENANT_CONTEXT_MISSING = "tenant_context_missing";
  /** The tenant the request names does not fit the tenant column (400). */
  public static final String TENANT_INVALID = "tenant_invalid";
  /** The body is larger than the configured limit (413). */
  public static final String BODY_TOO_LARGE = "body_too_large";
  /** An {@code If-Match} or {@code If-None-Match} header is not a list of entity tags (400). */
  public static final String PRECONDITION_INVALID = "precondition_invalid";
  /** A resource that requires {@code If-Match} got a PATCH or DELETE without one (428). */
  public static final String PRECONDITION_REQUIRED = "precondition_required";
  /** The body ends before its declared length or its chunked framing is broken (400). */
  public static final String BODY_MALFORMED = "body_malformed";
  /** The body is not a JSON document of the expected shape (422). */
  public static final String MALFORMED_JSON = "malformed_json";

  private final int status;

  public RequestRejectedException(int status, String code, String message) {
    super(code, message);
    this.status = status;
  }

  /** The HTTP status of the problem response. */
  public int status() {
    return status;
  }
}
