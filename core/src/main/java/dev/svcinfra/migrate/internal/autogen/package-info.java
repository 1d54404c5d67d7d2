/**
 * Autogenerate: reflect the live schema through JDBC metadata into {@code sql.model} tables,
 * compare it with the models ({@link dev.svcinfra.migrate.internal.autogen.SchemaComparator},
 * giving operations), then render the operations per dialect ({@link
 * dev.svcinfra.migrate.internal.autogen.OpRenderer}). Compare never writes; render never touches
 * the database; {@code check} is compare plus "non-empty fails".
 *
 * <p><b>Internal:</b> not supported API. The types here are public only so that other packages and
 * modules of svc-infra can reach them; they may change or disappear in any release without notice.
 * Use {@link dev.svcinfra.migrate.Migrations} instead.
 */
package dev.svcinfra.migrate.internal.autogen;
