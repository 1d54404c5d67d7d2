package dev.svcinfra.javalin;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TransactionOptions;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * What the plugin's handlers share at run time: the database, the options of request transactions,
 * the tenant resolver and the body limit. Kept in the app's data so static helpers ({@link
 * SqlPlugin#session}) find it from a {@link Context}.
 */
record SqlContext(
    Database database,
    TransactionOptions options,
    TenantResolver tenants,
    long maxBodyBytes,
    int retryAfterSeconds) {
  static final Key<SqlContext> KEY = new Key<>("svc-infra.sql");

  static SqlContext of(Context ctx) {
    return ctx.appData(KEY);
  }

  /**
   * Runs the handler in the request's transaction: read-only on the primary for {@code GET} and
   * {@code HEAD} (safe methods never write; on SQLite a read-only transaction runs beside the
   * writer instead of queueing for its lock), read-write otherwise.
   */
  void inTransaction(Context ctx, Handler handler) throws Exception {
    HandlerType method = ctx.method();
    boolean safe = method == HandlerType.GET || method == HandlerType.HEAD;
    RequestTransaction.run(database, safe ? options.asReadOnlyOnPrimary() : options, ctx, handler);
  }

  byte[] body(Context ctx) {
    return BodyLimit.read(ctx, maxBodyBytes);
  }

  /** The request's tenant, or a 400 {@code tenant_context_missing}. */
  String tenant(Context ctx) {
    return tenants.require(ctx);
  }
}
