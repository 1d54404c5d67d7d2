/**
 * Dialects: one class per database (PostgreSQL, MySQL, MariaDB, SQLite, SQL Server, Snowflake,
 * DuckDB, H2), registered in {@link dev.svcinfra.sql.dialect.Dialects}. Each turns a URL into a
 * JDBC target and owns the SQL that differs between databases: quoting, paging, case-insensitive
 * search, statement timeouts, capability questions, and for migrations the migration lock ({@link
 * dev.svcinfra.sql.dialect.internal.MigrationLock}), version-table DDL and schema-change DDL.
 * {@link dev.svcinfra.sql.dialect.Dialect} declares all of it except the DDL over model tables and
 * the reflection clean-up for autogenerate, which are in {@link
 * dev.svcinfra.sql.dialect.internal.SchemaDdl}, the interface it extends.
 */
package dev.svcinfra.sql.dialect;
