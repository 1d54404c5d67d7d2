package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.DatabaseException;

/**
 * The migration lock was not held when the run released it: the server answered "not held" to the
 * unlock ({@code pg_advisory_unlock} false, {@code RELEASE_LOCK} 0 or NULL), or another run had
 * taken the lease over. Mutual exclusion may have been lost while the run worked, so this is never
 * passed over in silence. The usual cause is a transaction pooler between the service and the
 * database; the message names the settings that avoid it.
 *
 * @since 0.2
 */
public class LockNotHeldException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String lockName;

  public LockNotHeldException(String lockName, String message) {
    super(ErrorCode.MIGRATION_LOCK_NOT_HELD, message, null);
    this.lockName = lockName;
  }

  /** The lock's name (the version table it protects). */
  public String lockName() {
    return lockName;
  }
}
