package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationFailedException;
import java.sql.SQLException;

/**
 * One statement failed online; carries the statement and the driver's SQLState. The runtime wraps
 * it into a {@link MigrationFailedException} naming the revision.
 *
 * @since 0.1
 */
public class StatementFailedException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final String statement;
  private final String sqlState;

  public StatementFailedException(String statement, SQLException cause) {
    super(
        ErrorCode.MIGRATION_FAILED,
        cause.getMessage()
            + (cause.getSQLState() == null ? "" : " [SQLState " + cause.getSQLState() + "]"),
        cause);
    this.statement = statement;
    this.sqlState = cause.getSQLState();
  }

  public String statement() {
    return statement;
  }

  public String sqlState() {
    return sqlState;
  }
}
