package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import java.sql.SQLException;
import java.util.Optional;

/**
 * No connection could be had: the server is down or refuses us, or the pool could not open one in
 * time. Keeps the driver's SQLState. HTTP integrations answer 503 with {@code Retry-After}.
 *
 * @since 0.1
 */
public class DatabaseUnavailableException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public DatabaseUnavailableException(String message, SQLException cause) {
    this(ErrorCode.DATABASE_UNAVAILABLE, message, cause);
  }

  /** For subclasses that name a more precise reason ({@code pool_exhausted}). */
  protected DatabaseUnavailableException(ErrorCode code, String message, SQLException cause) {
    super(code, message, cause);
    this.sqlState = cause == null ? null : cause.getSQLState();
  }

  /** The driver's SQLState, when it gave one. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
