package dev.svcinfra.sql;

import dev.svcinfra.sql.internal.hooks.ExternalTransaction;
import java.time.Duration;

/**
 * Runs a block inside a transaction another transaction manager began on this thread (issue 24): on
 * that manager's connection, as a {@link Transaction} nested blocks join, with the shortest of the
 * manager's remaining time, the block's own statement timeout and {@code DB_STATEMENT_TIMEOUT_MS}
 * as each statement's JDBC query timeout. The manager commits, rolls back and closes; a block that
 * marks the transaction rollback-only tells the manager so.
 */
final class ExternalJoin {
  private ExternalJoin() {}

  static <R, X extends Exception> R run(
      ExternalTransaction external,
      Database database,
      StatementLog log,
      ThreadLocal<Transaction> current,
      Duration blockTimeout,
      TransactionCallback<R, X> work)
      throws X {
    Duration timeout = shortest(blockTimeout, external.remainingTimeout().orElse(null));
    Transaction tx =
        new Transaction(
            external.connection(),
            database.dialect(),
            log,
            timeout,
            false,
            external.readOnly(),
            false);
    current.set(tx);
    try {
      R result = work.withTransaction(tx);
      if (tx.isRollbackOnly()) {
        external.setRollbackOnly();
      }
      return result;
    } finally {
      current.set(null);
    }
  }

  private static Duration shortest(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }
}
