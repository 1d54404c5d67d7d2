package dev.svcinfra.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transaction runs: read-only (served by the replica pool when one is configured) or
 * read-write (primary), and a statement timeout overriding {@code DB_STATEMENT_TIMEOUT_MS}.
 *
 * <pre>{@code
 * db.inTransaction(TransactionOptions.readOnly().withStatementTimeout(Duration.ofSeconds(2)),
 *     tx -> reports.list(tx, 100, 0, List.of("-created_at")));
 * }</pre>
 *
 * @since 0.1
 */
public record TransactionOptions(boolean isReadOnly, Optional<Duration> statementTimeout) {
  // Immutable, so the two common option sets are built once instead of on every transaction.
  private static final TransactionOptions DEFAULTS = new TransactionOptions(false, Optional.empty());
  private static final TransactionOptions READ_ONLY = new TransactionOptions(true, Optional.empty());

  public TransactionOptions {
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    statementTimeout.ifPresent(t -> {
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

  public TransactionOptions withStatementTimeout(Duration timeout) {
    return new TransactionOptions(isReadOnly, Optional.of(timeout));
  }
}
