package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import java.util.List;

/**
 * A revision failed. Names the revision, the direction, the statement that failed, and the state
 * left behind: on databases with transactional DDL the whole step was rolled back; elsewhere
 * (MySQL, MariaDB) the statements before the failing one stay applied, and the version table still
 * names the last fully applied revisions.
 *
 * <pre>{@code
 * catch (MigrationFailedException e) { e.revision(); e.statement(); e.versionAfter(); }
 * }</pre>
 *
 * @since 0.1
 */
public class MigrationFailedException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final String revision;
  private final String statement;
  private final int statementsRun;
  private final List<String> versionAfter;

  public MigrationFailedException(
      String message,
      String revision,
      String statement,
      int statementsRun,
      List<String> versionAfter,
      Throwable cause) {
    super(ErrorCode.MIGRATION_FAILED, message, cause);
    this.revision = revision;
    this.statement = statement;
    this.statementsRun = statementsRun;
    this.versionAfter = List.copyOf(versionAfter);
  }

  public String revision() {
    return revision;
  }

  /** The statement that failed, or empty when the failure came from Java code. */
  public String statement() {
    return statement;
  }

  /** How many statements of the revision completed before the failure. */
  public int statementsRun() {
    return statementsRun;
  }

  /** The heads the version table holds after the failure. */
  public List<String> versionAfter() {
    return versionAfter;
  }
}
