package dev.svcinfra.javalin;

import dev.svcinfra.sql.ConsistencyToken;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.TransactionCallback;
import dev.svcinfra.sql.TransactionConsumer;
import dev.svcinfra.sql.TransactionOptions;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Runs a handler inside one database transaction: the transaction commits when the handler finishes
 * with a status below 400, before Javalin writes the response; it rolls back when the handler
 * throws or sets an error status. A failed commit throws, so the exception mapper answers with an
 * error instead of the 2xx the handler prepared.
 */
final class RequestTransaction {
  static final String ATTRIBUTE = "svc-infra.transaction";

  private RequestTransaction() {}

  static void run(Database db, TransactionOptions options, Context ctx, Handler handler)
      throws Exception {
    run(db, options, null, false, ctx, handler, null);
  }

  /**
   * A writing request; {@code single}: the handler sends one statement, which then runs alone in
   * auto-commit ({@link Database#inSingleStatement}).
   */
  static void write(
      Database db, TransactionOptions options, boolean single, Context ctx, Handler handler)
      throws Exception {
    run(db, options, null, single, ctx, handler, null);
  }

  /**
   * A read-only request that sees the writes {@code token} covers (may be null); {@code single}:
   * the handler sends one statement, which then runs alone in auto-commit ({@link
   * Database#inSingleStatement}).
   */
  static void read(
      Database db,
      TransactionOptions options,
      ConsistencyToken token,
      boolean single,
      Context ctx,
      Handler handler)
      throws Exception {
    run(db, options, token, single, ctx, handler, null);
  }

  static void run(
      Database db,
      TransactionOptions options,
      Context ctx,
      Handler handler,
      TransactionConsumer<RuntimeException> beforeCommit)
      throws Exception {
    run(db, options, null, false, ctx, handler, beforeCommit);
  }

  /**
   * As above; {@code beforeCommit} (when not null) runs in the transaction after a handler that
   * chose a status below 400, so what it writes commits with the handler's writes or not at all.
   */
  private static void run(
      Database db,
      TransactionOptions options,
      ConsistencyToken token,
      boolean single,
      Context ctx,
      Handler handler,
      TransactionConsumer<RuntimeException> beforeCommit)
      throws Exception {
    if (ctx.attribute(ATTRIBUTE) != null) {
      handler.handle(ctx); // already inside this request's transaction
      return;
    }
    TransactionCallback<Void, Exception> work =
        tx -> {
          ctx.attribute(ATTRIBUTE, tx);
          try {
            handler.handle(ctx);
          } finally {
            ctx.attribute(ATTRIBUTE, null);
          }
          if (ctx.statusCode() >= 400) {
            // The handler chose an error status: its response stands, its writes are undone.
            tx.setRollbackOnly();
          } else if (beforeCommit != null) {
            beforeCommit.useTransaction(tx);
          }
          return null;
        };
    if (single) {
      db.inSingleStatement(options, token, work);
    } else {
      db.inTransaction(options, token, work);
    }
    if (!options.isReadOnly() && ctx.statusCode() < 400) {
      // Committed: the client's next reads may ask for this write (issue 20).
      ConsistencyHeader.issue(ctx, db);
    }
  }

  static Transaction current(Context ctx) {
    Transaction tx = ctx.attribute(ATTRIBUTE);
    if (tx == null) {
      throw new IllegalStateException(
          "no request transaction: wrap the handler with "
              + "SqlPlugin.transactional(handler) to use SqlPlugin.session(ctx)");
    }
    return tx;
  }
}
