package dev.svcinfra.migrate;

import dev.svcinfra.SvcInfraException;

/**
 * A migration command failed: the revision files are inconsistent, a target does not exist, a
 * revision failed, the lock could not be taken, lint refused a revision. Each failure carries a
 * stable {@link #code()}; subclasses carry the data (heads, revision, statement).
 *
 * <pre>{@code
 * try { migrations.upgrade(); }
 * catch (MigrationException e) { log.error("{}: {}", e.code(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class MigrationException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  /** Revision files contradict each other: duplicate ids, cycles, missing parents. */
  public static final String GRAPH_INVALID = "revision_graph_invalid";
  /** A revision file cannot be parsed. */
  public static final String FILE_INVALID = "revision_file_invalid";
  /** A target names no revision, or a prefix names several. */
  public static final String REVISION_NOT_FOUND = "revision_not_found";
  /** A target that needs one head met several. */
  public static final String MULTIPLE_HEADS = "multiple_heads";
  /** A target cannot be reached in the asked direction. */
  public static final String INVALID_TARGET = "invalid_target";
  /** A revision's statement failed. */
  public static final String MIGRATION_FAILED = "migration_failed";
  /** An applied revision's file changed since it was applied. */
  public static final String DRIFT = "migration_drift";
  /** Lint found destructive or locking operations. */
  public static final String LINT = "migration_lint";
  /** The migration lock was not granted in time. */
  public static final String LOCK_TIMEOUT = "migration_lock_timeout";
  /** The script location is missing, or exists where {@code init} would create it. */
  public static final String SCRIPT_LOCATION = "script_location";
  /** The operation needs a database connection but runs offline, or the reverse. */
  public static final String OFFLINE = "migration_offline";
  /** Autogenerate or check found no model classes to compare. */
  public static final String NO_MODELS = "no_models";
  /** Autogenerate needs the database at head first. */
  public static final String NOT_AT_HEAD = "database_not_at_head";

  public MigrationException(String code, String message) {
    super(code, message);
  }

  public MigrationException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
