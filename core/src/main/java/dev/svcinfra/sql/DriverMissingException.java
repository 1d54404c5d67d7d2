package dev.svcinfra.sql;

/**
 * The JDBC driver a URL needs is not on the classpath; the message names the Maven artifact to
 * add.
 *
 * @since 0.1
 */
public class DriverMissingException extends DatabaseException {
  private static final long serialVersionUID = 1L;
  public static final String CODE = "driver_missing";

  public DriverMissingException(String message, Throwable cause) {
    super(CODE, message, cause);
  }
}
