package dev.svcinfra.javalin;

import dev.svcinfra.sql.ConsistencyToken;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TransactionOptions;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * What the plugin's handlers share at run time: the database, the options of request transactions,
 * the tenant resolver, the body limit, the idempotency keys (null when turned off) and whether
 * generated reads use the replica. Kept in the app's data so static helpers ({@link
 * SqlPlugin#session}) find it from a {@link Context}.
 */
record SqlContext(
    Database database,
    TransactionOptions options,
    TenantResolver tenants,
    long maxBodyBytes,
    int retryAfterSeconds,
    IdempotentRequests idempotency,
    boolean readFromReplica) {
  static final Key<SqlContext> KEY = new Key<>("svc-infra.sql");

  /** The request body once read, so the handler reads what the idempotency fingerprint read. */
  private static final String BODY = "svc-infra.body";

  static SqlContext of(Context ctx) {
    return ctx.appData(KEY);
  }

  /**
   * {@link #inTransaction(Context, Handler, boolean, boolean)} for a route of no tenant-scoped
   * resource.
   */
  void inTransaction(Context ctx, Handler handler) throws Exception {
    inTransaction(ctx, handler, false, false, false);
  }

  /**
   * Runs the handler in a read-only transaction served by the replica (the primary without one),
   * which sees the write of the request's {@code X-Consistency-Token}.
   */
  void inReplicaTransaction(Context ctx, Handler handler) throws Exception {
    inReplicaTransaction(ctx, handler, false);
  }

  private void inReplicaTransaction(Context ctx, Handler handler, boolean single) throws Exception {
    ConsistencyToken token = ConsistencyHeader.read(ctx);
    RequestTransaction.read(database, replicaOptions(), token, single, ctx, handler);
  }

  /**
   * Runs the handler in the request's transaction: read-only for {@code GET} and {@code HEAD} (safe
   * methods never write; on SQLite a read-only transaction runs beside the writer instead of
   * queueing for its lock), on the replica when {@code replicaReads}, else on the primary;
   * read-write otherwise. A POST, PUT or PATCH with {@code Idempotency-Key} runs at most once per
   * key (see {@link IdempotentRequests}). A request whose handler sends one statement ({@code
   * single}: the generated routes know) runs that statement alone in auto-commit, one round trip
   * instead of BEGIN, the statement and COMMIT ({@link Database#inSingleStatement}); a request with
   * an idempotency key never does, its record is written in the same transaction.
   */
  void inTransaction(
      Context ctx, Handler handler, boolean tenantScoped, boolean replicaReads, boolean single)
      throws Exception {
    HandlerType method = ctx.method();
    boolean outermost = ctx.attribute(RequestTransaction.ATTRIBUTE) == null;
    if (idempotency != null && outermost && IdempotentRequests.asked(ctx)) {
      idempotency.run(this, ctx, handler, tenantScoped);
      return;
    }
    boolean safe = method.equals(HandlerType.GET) || method.equals(HandlerType.HEAD);
    if (safe && replicaReads) {
      inReplicaTransaction(ctx, handler, single);
    } else if (safe) {
      ConsistencyHeader.read(ctx); // a malformed token is a 400 wherever the read runs
      RequestTransaction.read(database, options.asReadOnlyOnPrimary(), null, single, ctx, handler);
    } else {
      RequestTransaction.write(database, options, single, ctx, handler);
    }
  }

  /** Read-only on the replica pool, keeping the request statement timeout. */
  private TransactionOptions replicaOptions() {
    TransactionOptions readOnly = TransactionOptions.readOnly();
    return options.statementTimeout().map(readOnly::withStatementTimeout).orElse(readOnly);
  }

  byte[] body(Context ctx) {
    byte[] read = ctx.attribute(BODY);
    if (read == null) {
      read = BodyLimit.read(ctx, maxBodyBytes);
      ctx.attribute(BODY, read);
    }
    return read;
  }

  /** The request's tenant, or a 400 {@code tenant_context_missing}. */
  String tenant(Context ctx) {
    return tenants.require(ctx);
  }
}
