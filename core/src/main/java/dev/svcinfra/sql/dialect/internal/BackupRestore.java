package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.sql.dialect.Dialect;

/**
 * How a backup of a database is restored into a scratch copy for a restore test: the answer of
 * {@link Dialect#backupRestore()}, so the restore test picks its method without asking which
 * database this is.
 *
 * <pre>{@code
 * dialect.backupRestore().ifPresent(method -> ...);   // POSTGRES_CLIENT_TOOLS for postgresql
 * }</pre>
 *
 * @since 0.1
 */
public enum BackupRestore {
  /** {@code pg_restore} or {@code psql} into a new database on the live server, dropped after. */
  POSTGRES_CLIENT_TOOLS,
  /** A copy of the database file, or its SQL dump replayed into a new file beside it. */
  SQLITE_FILE
}
