package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.DatabaseException;

/**
 * The migration lock was not granted in time: another run holds it. The message says how long this
 * run waited and which setting raises the limit.
 *
 * @since 0.1
 */
public class LockTimeoutException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public LockTimeoutException(String message) {
    super(ErrorCode.MIGRATION_LOCK_TIMEOUT, message, null);
  }
}
