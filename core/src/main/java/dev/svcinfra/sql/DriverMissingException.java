package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;

/**
 * The JDBC driver a URL needs is not on the classpath; the message names the Maven artifact to add.
 *
 * @since 0.1
 */
public class DriverMissingException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public DriverMissingException(String message, Throwable cause) {
    super(ErrorCode.DRIVER_MISSING, message, cause);
  }
}
