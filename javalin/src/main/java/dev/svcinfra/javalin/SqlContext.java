package dev.svcinfra.javalin;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TransactionOptions;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * What the plugin's handlers share at run time: the database, the options of request
 * transactions, the tenant resolver and the body limit. Kept in the app's data so static
 * helpers ({@link SqlPlugin#session}) find it from a {@link Context}.
 */
record SqlContext(Database database, TransactionOptions options, TenantResolver tenants,
    long maxBodyBytes, int retryAfterSeconds) {
  static final Key<SqlContext> KEY = new Key<>("svc-infra.sql");

  static SqlContext of(Context ctx) {
    return ctx.appData(KEY);
  }

  void inTransaction(Context ctx, Handler handler) throws Exception {
    RequestTransaction.run(database, options, ctx, handler);
  }

  byte[] body(Context ctx) {
    return BodyLimit.read(ctx, maxBodyBytes);
  }

  /** The request's tenant, or a 400 {@code tenant_context_missing}. */
  String tenant(Context ctx) {
    return tenants.resolve(ctx).map(String::trim).filter(t -> !t.isEmpty())
        .orElseThrow(() -> new RequestRejectedException(400,
            RequestRejectedException.TENANT_CONTEXT_MISSING,
            "this resource is tenant-scoped and the request names no tenant"));
  }
}
