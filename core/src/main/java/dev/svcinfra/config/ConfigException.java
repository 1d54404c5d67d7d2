package dev.svcinfra.config;

import dev.svcinfra.SvcInfraException;

/**
 * A setting is missing or has a value that cannot be used. The message names the variable (or
 * file), the offending value with any password masked, and what is accepted.
 *
 * @since 0.1
 */
public class ConfigException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  /** No database URL was found in any of the places looked at. */
  public static final String DATABASE_URL_MISSING = "database_url_missing";
  /** A URL could not be parsed or names an unknown dialect. */
  public static final String INVALID_URL = "invalid_database_url";
  /** A setting has a value outside what is accepted. */
  public static final String INVALID_SETTING = "invalid_setting";
  /** A file named by a setting is missing, empty or unreadable. */
  public static final String UNREADABLE_FILE = "unreadable_file";

  public ConfigException(String code, String message) {
    super(code, message);
  }

  public ConfigException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
