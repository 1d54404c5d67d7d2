/**
 * Running revisions: {@link dev.svcinfra.migrate.runtime.MigrationContext} walks a path of the
 * revision graph one step at a time (a transaction per step where DDL is transactional), keeps the
 * version table (one row per applied head) and the history table (checksum, who, when, how long),
 * reports drift, and sends every statement through one {@link dev.svcinfra.migrate.runtime.SqlSink}
 * that executes online or writes SQL offline.
 */
package dev.svcinfra.migrate.runtime;
