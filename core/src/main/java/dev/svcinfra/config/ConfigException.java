package dev.svcinfra.config;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * A setting is missing or has a value that cannot be used. The message names the variable (or
 * file), the offending value with any password masked, and what is accepted. Its codes ({@link
 * ErrorCode#INVALID_SETTING}, {@link ErrorCode#DATABASE_URL_MISSING}, ...) make the CLI exit 2.
 *
 * @since 0.1
 */
public class ConfigException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public ConfigException(ErrorCode code, String message) {
    super(code, message);
  }

  public ConfigException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
