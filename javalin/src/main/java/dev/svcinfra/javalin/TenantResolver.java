package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Finds the tenant of a request for tenant-scoped resources: a header by default, or anything a
 * service trusts (a verified token claim, a sub-domain). An empty or blank answer means "no tenant"
 * and the request is refused with 400 {@code tenant_context_missing}; a tenant longer than {@link
 * #MAX_LENGTH} characters (or than the tenant column allows) is a 400 {@code tenant_invalid}.
 *
 * <pre>{@code
 * new SqlPlugin(sql -> sql.tenantResolver = ctx -> Optional.ofNullable(ctx.attribute("tenant")));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TenantResolver {
  /** The header the default resolver reads. */
  String DEFAULT_HEADER = "X-Tenant-Id";

  /** The longest tenant id any resolver may name, in characters (Unicode code points). */
  int MAX_LENGTH = 255;

  /** The request's tenant, if it names one. */
  Optional<String> resolve(Context ctx);

  /**
   * The request's tenant, trimmed; a 400 {@code tenant_context_missing} when there is none, a 400
   * {@code tenant_invalid} when it is longer than {@link #MAX_LENGTH}.
   */
  default String require(Context ctx) {
    String tenant =
        resolve(ctx)
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .orElseThrow(
                () ->
                    new RequestRejectedException(
                        ErrorCode.TENANT_CONTEXT_MISSING,
                        "this resource is tenant-scoped and the request names no tenant"));
    if (tenant.codePointCount(0, tenant.length()) > MAX_LENGTH) {
      throw new RequestRejectedException(
          ErrorCode.TENANT_INVALID, "a tenant id has at most " + MAX_LENGTH + " characters");
    }
    return tenant;
  }

  /**
   * Reads the tenant from a request header. A request that sends the header twice with different
   * values, or one value holding a comma (proxies join repeated headers with commas), names two
   * tenants and is refused with 400 {@code tenant_invalid} (issue 16).
   */
  static TenantResolver header(String name) {
    return ctx -> {
      List<String> values =
          ctx.req().getHeaders(name) == null
              ? List.of()
              : Collections.list(ctx.req().getHeaders(name));
      if (values.isEmpty()) {
        return Optional.empty();
      }
      String first = values.get(0).trim();
      for (String v : values) {
        if (!v.trim().equals(first) || v.indexOf(',') >= 0) {
          throw new RequestRejectedException(
              ErrorCode.TENANT_INVALID,
              "the request names more than one tenant in " + name + "; send exactly one");
        }
      }
      return Optional.of(first);
    };
  }
}
