package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.sql.model.internal.Index;

/**
 * What a failed write does to its transaction and what finds a duplicate, per database: a unique
 * index that refuses the INSERT, or a count before it where the database has no such index or a
 * refused INSERT would spoil the transaction (issue 23).
 */
public interface WriteSql extends SchemaDdl {
  /** See {@code Dialect.enforcesUniqueConstraints()}. */
  boolean enforcesUniqueConstraints();

  /**
   * Whether the database refuses an INSERT that duplicates a key of the unique {@code index} as
   * this dialect's DDL builds it, so that no count before the INSERT is needed to find a duplicate.
   * No where unique constraints are informational (Snowflake) or the index cannot be built here (a
   * live-rows-only index on DuckDB, which has no partial indexes).
   */
  default boolean enforcesUniqueIndex(Index index) {
    return index.unique() && enforcesUniqueConstraints() && buildsIndex(index);
  }

  /**
   * Whether a failed statement leaves the rest of its transaction unusable (PostgreSQL's "current
   * transaction is aborted", DuckDB likewise) instead of undoing that statement alone (MySQL,
   * MariaDB, SQLite, SQL Server). Where it does, code that may catch a failure and go on in the
   * same transaction checks before it writes.
   */
  default boolean failedStatementAbortsTransaction() {
    return false;
  }
}
