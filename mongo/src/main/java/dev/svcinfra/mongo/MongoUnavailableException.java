package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;

/**
 * MongoDB did not answer in time: no server could be selected, or the connection broke. Code {@code
 * database_unavailable}, as for SQL, so HTTP integrations answer 503 with {@code Retry-After} for
 * both.
 *
 * <pre>{@code
 * try { users.count(); } catch (MongoUnavailableException e) { return serviceUnavailable(); }
 * }</pre>
 *
 * @since 0.1
 */
public class MongoUnavailableException extends MongoStoreException {
  private static final long serialVersionUID = 1L;

  public MongoUnavailableException(String message, Throwable cause) {
    super(ErrorCode.DATABASE_UNAVAILABLE, message, cause);
  }
}
