package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The part of a {@link Dialect} that only the migration runtime asks: the lock that keeps one run
 * at a time, the version and history tables, literals and transactions for offline scripts, and the
 * session settings of the migration connection. Reach it through the dialect, which extends it.
 *
 * <pre>{@code
 * MigrationSql sql = Dialects.forUrl(url);
 * sql.createVersionTable("alembic_version");   // CREATE TABLE ..
 * sql.migrationLock(PoolerMode.NONE);          // session lock or lease row
 * }</pre>
 *
 * @since 0.1
 */
public interface MigrationSql {

  /**
   * The lock that lets one migration run at a time per database: a session lock on a dedicated
   * connection where the database has one (released by the server when that connection dies), a
   * lease row with an expiry elsewhere.
   */
  MigrationLock migrationLock();

  /**
   * The migration lock for connections that go through {@code pooler}. A transaction pooler may
   * send the unlock to another server session than the lock (issue 18), so there a session lock
   * gives way to the lease row; otherwise this is {@link #migrationLock()}.
   */
  default MigrationLock migrationLock(PoolerMode pooler) {
    return migrationLock();
  }

  /** Statements creating the version table: one {@code version_num} row per applied head. */
  List<String> createVersionTable(String table);

  /**
   * Statements creating the history table: one row per applied, undone or stamped step with the
   * file's checksum, who ran it, when, and for how long.
   */
  List<String> createHistoryTable(String table);

  /**
   * How this database's SQL text is cut into statements (quotes, comments, dollar bodies, {@code
   * BEGIN ... END} blocks, client directives), for revision files and backup restores alike. MySQL
   * and MariaDB read a backslash in a literal as an escape unless the session's {@code sql_mode}
   * holds {@code NO_BACKSLASH_ESCAPES} (then write a literal backslash so that both readings agree,
   * or avoid one before a quote).
   */
  default SqlSyntax sqlSyntax() {
    return SqlSyntax.STANDARD;
  }

  /** A string literal for SQL written to a file (offline mode), escaped for this database. */
  String stringLiteral(String value);

  /** The statement opening a transaction in an offline script; empty without transactional DDL. */
  default String beginTransaction() {
    return "BEGIN";
  }

  /**
   * Session settings for the connection a migration runs on, given the server's major version;
   * undone by {@link #migrationSessionResetStatements}. PostgreSQL 14+ checks for a vanished client
   * during long statements, so a killed migrator does not leave a backend holding locks.
   */
  default List<String> migrationSessionStatements(int serverMajorVersion) {
    return List.of();
  }

  /**
   * The foreign key violations in the database, as lines for people, checked before each step
   * commits where the migration session runs without enforcement (SQLite, whose table rebuilds need
   * it off). Empty where the database enforces foreign keys as rows change.
   */
  default List<String> foreignKeyViolations(Connection c) throws SQLException {
    return List.of();
  }

  /** Statements undoing {@link #migrationSessionStatements} before the connection is reused. */
  default List<String> migrationSessionResetStatements(int serverMajorVersion) {
    return List.of();
  }

  /**
   * Whether table names that differ only in case name one table even when quoted (SQLite, DuckDB),
   * so looking for the version table must accept any spelling (issue 17). Where the answer is a
   * server setting (MySQL's {@code lower_case_table_names}) the driver's metadata tells; this
   * default says no.
   */
  default boolean quotedTableNamesIgnoreCase() {
    return false;
  }

  /**
   * Whether the database can build an index without blocking writes ({@code CREATE INDEX
   * CONCURRENTLY}); lint then flags plain index builds on existing tables.
   */
  default boolean supportsConcurrentIndexBuild() {
    return false;
  }
}
