package dev.svcinfra.sql.dialect.internal;

/**
 * What a failed statement means, as a dialect classifies it from SQLState and vendor code (never
 * from message text). The data layer turns each kind into its typed exception.
 *
 * <pre>{@code
 * ClassifiedError e = dialect.classify(sqlException);
 * if (e.kind() == SqlErrorKind.UNIQUE_VIOLATION) { ... e.constraint() ... }
 * }</pre>
 *
 * @since 0.1
 */
public enum SqlErrorKind {
  /** A UNIQUE or primary-key constraint refused a duplicate. */
  UNIQUE_VIOLATION,
  /** NULL written to a NOT NULL column. */
  NOT_NULL_VIOLATION,
  /** A foreign key refused a missing or still-referenced row. */
  FOREIGN_KEY_VIOLATION,
  /** A CHECK constraint refused a value. */
  CHECK_VIOLATION,
  /** A value does not fit its column: too long, out of range, wrong format. */
  INVALID_VALUE,
  /** The statement ran longer than the statement timeout and was cancelled. */
  STATEMENT_TIMEOUT,
  /** The connection broke or could not be made. */
  CONNECTION_FAILURE,
  /** A deadlock or serialization failure; retrying the transaction may succeed. */
  TRANSIENT_CONFLICT,
  /**
   * A write in a read-only transaction. PostgreSQL says the same (25006) when the transaction was
   * declared read-only and when the server is a standby; the data layer tells them apart by what
   * the transaction asked for.
   */
  READ_ONLY,
  /**
   * The server refuses every write: a replica, or a primary being demoted (MySQL {@code
   * read_only}). Nothing is wrong with the request; another server, or the same one later, takes
   * it.
   */
  READ_ONLY_SERVER,
  /** Anything else: a bug in SQL, a missing table, a permission. */
  OTHER
}
