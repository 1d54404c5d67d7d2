package dev.svcinfra.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transaction runs: read-write on the primary, read-only (served by the replica pool when one
 * is configured) or read-only on the primary (reads that must see the latest commit), and a
 * statement timeout overriding {@code DB_STATEMENT_TIMEOUT_MS}.
 *
 * <pre>{@code
 * db.inTransaction(TransactionOptions.readOnly().withStatementTimeout(Duration.ofSeconds(2)),
 *     tx -> reports.list(tx, 100, 0, List.of("-created_at")));
 * }</pre>
 *
 * @since 0.1
 */
public record TransactionOptions(
    boolean isReadOnly, boolean onPrimary, Optional<Duration> statementTimeout) {
  // Immutable, so the common option sets are built once instead of on every transaction.
  private static final TransactionOptions DEFAULTS =
      new TransactionOptions(false, true, Optional.empty());
  private static final TransactionOptions READ_ONLY =
      new TransactionOptions(true, false, Optional.empty());
  private static final TransactionOptions READ_ONLY_ON_PRIMARY =
      new TransactionOptions(true, true, Optional.empty());

  public TransactionOptions {
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    if (!isReadOnly && !onPrimary) {
      throw new IllegalArgumentException("a read-write transaction runs on the primary");
    }
    statementTimeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("a statement timeout must be positive, got " + t);
          }
        });
  }

  /** Read-write on the primary, with the configured statement timeout. */
  public static TransactionOptions defaults() {
    return DEFAULTS;
  }

  /** Read-only, on the replica when there is one. */
  public static TransactionOptions readOnly() {
    return READ_ONLY;
  }

  /**
   * Read-only on the primary: sees every commit made before it starts, and on SQLite runs beside
   * the writer instead of queueing for the write lock that read-write transactions take at {@code
   * BEGIN} (issue 16). HTTP {@code GET} and {@code HEAD} requests of {@code SqlPlugin} run this
   * way.
   */
  public static TransactionOptions readOnlyOnPrimary() {
    return READ_ONLY_ON_PRIMARY;
  }

  /** Whether the transaction is served by the replica pool (when one is configured). */
  public boolean onReplica() {
    return !onPrimary;
  }

  public TransactionOptions withStatementTimeout(Duration timeout) {
    return new TransactionOptions(isReadOnly, onPrimary, Optional.of(timeout));
  }

  /** These options, read-only on the primary, keeping the statement timeout. */
  public TransactionOptions asReadOnlyOnPrimary() {
    return new TransactionOptions(true, true, statementTimeout);
  }
}
