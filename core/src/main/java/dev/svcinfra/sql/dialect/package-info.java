/**
 * Dialects: one class per database (PostgreSQL, MySQL, MariaDB, SQLite, SQL Server, Snowflake,
 * DuckDB, H2), registered in {@link dev.svcinfra.sql.dialect.Dialects}. Each turns a URL into a
 * JDBC target and owns the SQL that differs between databases: quoting, paging, case-insensitive
 * search, statement timeouts, capability questions, and for migrations the migration lock
 * ({@link dev.svcinfra.sql.dialect.MigrationLock}), version-table DDL and schema-change DDL.
 */
package dev.svcinfra.sql.dialect;
