package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * A database operation failed. Subclasses say how: unavailable, driver missing, and (in the data
 * layer) not found, conflict, timeout. The message never holds a password.
 *
 * @since 0.1
 */
public class DatabaseException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
