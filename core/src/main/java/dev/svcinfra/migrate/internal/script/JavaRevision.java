package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.script.JavaMigration;
import dev.svcinfra.migrate.script.MigrationRevision;
import dev.svcinfra.migrate.script.MigrationStep;
import java.util.Arrays;
import java.util.Optional;

/**
 * The body of a revision written as a {@link JavaMigration}; {@link #revision} reads its {@link
 * MigrationRevision} header. Java revisions have no checksum: their source is not at hand.
 *
 * <pre>{@code
 * Revision r = JavaRevision.revision(new Backfill());
 * }</pre>
 *
 * @since 0.1
 */
public record JavaRevision(JavaMigration migration) implements RevisionBody {

  /** The revision {@code migration}'s annotation describes. */
  public static Revision revision(JavaMigration migration) {
    Class<?> type = migration.getClass();
    MigrationRevision header = type.getAnnotation(MigrationRevision.class);
    if (header == null) {
      throw new MigrationException(
          ErrorCode.REVISION_FILE_INVALID,
          "the Java revision "
              + type.getName()
              + " has no @MigrationRevision(id = ..., downRevision = ...) annotation");
    }
    RevisionIds.check(header.id(), type.getName());
    return new Revision(
        header.id(),
        Arrays.asList(header.downRevision()),
        Arrays.asList(header.dependsOn()),
        header.message(),
        "class " + type.getName(),
        Optional.empty(),
        new JavaRevision(migration));
  }

  @Override
  public void upgrade(MigrationStep step) throws Exception {
    migration.upgrade(step);
  }

  @Override
  public void downgrade(MigrationStep step) throws Exception {
    migration.downgrade(step);
  }

  @Override
  public boolean transactional() {
    return migration.transactional();
  }
}
