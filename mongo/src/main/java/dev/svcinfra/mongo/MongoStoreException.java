package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * The root of every failure the MongoDB module raises. Subclasses say what failed and carry the
 * data (collection, id, field); the {@link #code() code} is stable for problem+json bodies and the
 * CLI.
 *
 * <pre>{@code
 * try { users.update(id, changes); }
 * catch (MongoStoreException e) { log.warn("{}: {}", e.code().wireName(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class MongoStoreException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public MongoStoreException(ErrorCode code, String message) {
    super(code, message);
  }

  public MongoStoreException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
