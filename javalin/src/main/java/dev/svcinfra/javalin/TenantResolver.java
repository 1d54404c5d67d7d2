package dev.svcinfra.javalin;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Finds the tenant of a request for tenant-scoped resources: a header by default, or anything a
 * service trusts (a verified token claim, a sub-domain). An empty or blank answer means "no
 * tenant" and the request is refused with 400 {@code tenant_context_missing}.
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

  /** The request's tenant, if it names one. */
  Optional<String> resolve(Context ctx);

  /** Reads the tenant from a request header. */
  static TenantResolver header(String name) {
    return ctx -> Optional.ofNullable(ctx.header(name));
  }
}
