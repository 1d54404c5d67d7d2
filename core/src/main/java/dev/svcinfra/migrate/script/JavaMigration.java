package dev.svcinfra.migrate.script;

import dev.svcinfra.ErrorCode;

/**
 * A revision written in Java, for data migrations that need code. Annotate the class with {@link
 * MigrationRevision} and register it (list it in {@code
 * META-INF/services/dev.svcinfra.migrate.script.JavaMigration} or pass it to {@code
 * Migrations.builder().javaRevision(..)}).
 *
 * <pre>{@code
 * @MigrationRevision(id = "5e6f7a8b9c0d", downRevision = "1a2b3c4d5e6f", message = "backfill")
 * public final class Backfill implements JavaMigration {
 *   public void upgrade(MigrationStep step) { step.execute("UPDATE users SET active = TRUE"); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface JavaMigration {

  void upgrade(MigrationStep step) throws Exception;

  /** The default refuses: a data migration is irreversible unless it says how to undo it. */
  default void downgrade(MigrationStep step) throws Exception {
    throw new dev.svcinfra.migrate.MigrationException(
        ErrorCode.INVALID_TARGET,
        getClass().getName() + " has no downgrade; override downgrade(MigrationStep) to allow it");
  }

  /** Whether to run inside a transaction where the dialect allows it. */
  default boolean transactional() {
    return true;
  }
}
