package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * A migration command failed: the revision files are inconsistent, a target does not exist, a
 * revision failed, the lock could not be taken, lint refused a revision. Each failure carries a
 * stable {@link #code()}; subclasses carry the data (heads, revision, statement).
 *
 * <pre>{@code
 * try { migrations.upgrade(); }
 * catch (MigrationException e) { log.error("{}: {}", e.code().wireName(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class MigrationException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public MigrationException(ErrorCode code, String message) {
    super(code, message);
  }

  public MigrationException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
