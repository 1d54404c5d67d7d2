package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.migrate.script.MigrationStep;
import java.util.Locale;

/**
 * What a revision does: SQL sections from a file ({@link SqlScript}) or Java code ({@link
 * JavaRevision}). Sealed, so the runtime and lint handle every kind.
 *
 * <pre>{@code
 * if (revision.body() instanceof SqlScript sql) { sql.statements(Direction.UPGRADE, "sqlite"); }
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface RevisionBody permits SqlScript, JavaRevision {

  /** Runs the upgrade through {@code step}. */
  void upgrade(MigrationStep step) throws Exception;

  /** Runs the downgrade through {@code step}. */
  void downgrade(MigrationStep step) throws Exception;

  /**
   * Whether the runtime wraps this revision in a transaction when the dialect has transactional
   * DDL. A revision says no when it holds statements a transaction refuses (PostgreSQL's {@code
   * CREATE INDEX CONCURRENTLY}).
   */
  boolean transactional();

  /** The two directions a revision runs in. */
  enum Direction {
    UPGRADE,
    DOWNGRADE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
