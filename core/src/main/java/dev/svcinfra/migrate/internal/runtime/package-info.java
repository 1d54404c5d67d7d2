/**
 * Running revisions: {@link dev.svcinfra.migrate.internal.runtime.MigrationContext} walks a path of
 * the revision graph one step at a time (a transaction per step where DDL is transactional), keeps
 * the version table (one row per applied head) and the history table (checksum, who, when, how
 * long), reports drift, and sends every statement through one {@link
 * dev.svcinfra.migrate.internal.runtime.SqlSink} that executes online or writes SQL offline.
 *
 * <p><b>Internal:</b> not supported API. The types here are public only so that other packages and
 * modules of svc-infra can reach them; they may change or disappear in any release without notice.
 * Use {@link dev.svcinfra.migrate.Migrations} instead.
 */
package dev.svcinfra.migrate.internal.runtime;
