package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.dialect.Dialect;

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

  /** Fails when {@code driverClass} cannot be loaded, naming the artifact or setting to fix. */
  static void requireFor(Dialect dialect, String driverClass) {
    try {
      Class.forName(driverClass, false, DriverMissingException.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      String artifact =
          driverClass.equals(dialect.driverClassName())
              ? "add the Maven dependency " + dialect.driverArtifact()
              : "DB_FORCE_DRIVER names it; add its jar or unset DB_FORCE_DRIVER";
      throw new DriverMissingException(
          "the JDBC driver "
              + driverClass
              + " for "
              + dialect.name()
              + " is not on the classpath: "
              + artifact,
          e);
    }
  }
}
