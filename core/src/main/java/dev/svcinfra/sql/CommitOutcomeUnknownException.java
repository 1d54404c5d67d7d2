package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The connection was lost while the database was committing: the answer never came, so the
 * transaction may have been committed or not (issue 18: in failovers, some writes answered with an
 * error had in fact committed). Retrying blindly can write twice; check whether the write happened,
 * or retry with an idempotency key. HTTP integrations answer 503 {@code commit_outcome_unknown}.
 *
 * <pre>{@code
 * try {
 *   db.useTransaction(tx -> tx.execute("INSERT INTO payments ..."));
 * } catch (CommitOutcomeUnknownException e) {
 *   // look the payment up before sending it again
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class CommitOutcomeUnknownException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public CommitOutcomeUnknownException(String message, SQLException cause) {
    super(ErrorCode.COMMIT_OUTCOME_UNKNOWN, message, cause);
    this.sqlState = cause == null ? null : cause.getSQLState();
  }

  /** The driver's SQLState, when it gave one. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
