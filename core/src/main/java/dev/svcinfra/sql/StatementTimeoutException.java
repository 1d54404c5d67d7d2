package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import java.time.Duration;

/**
 * A statement ran longer than the statement timeout ({@code DB_STATEMENT_TIMEOUT_MS} or the
 * transaction's own) and the database cancelled it. The transaction is rolled back; the connection
 * goes back to the pool healthy. HTTP integrations answer 503.
 *
 * <pre>{@code
 * db.inTransaction(TransactionOptions.defaults().withStatementTimeout(Duration.ofSeconds(2)), tx -> ...);
 * }</pre>
 *
 * @since 0.1
 */
public class StatementTimeoutException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public StatementTimeoutException(Duration timeout, Throwable cause) {
    super(
        ErrorCode.STATEMENT_TIMEOUT,
        "the statement was cancelled after the statement timeout"
            + (timeout == null ? "" : " of " + timeout.toMillis() + " ms")
            + "; raise DB_STATEMENT_TIMEOUT_MS or the transaction's timeout, or make the query faster",
        cause);
  }
}
