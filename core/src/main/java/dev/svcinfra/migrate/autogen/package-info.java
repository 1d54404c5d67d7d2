/**
 * Autogenerate: reflect the live schema through JDBC metadata into {@code sql.model} tables,
 * compare it with the models ({@link dev.svcinfra.migrate.autogen.SchemaComparator}, giving
 * operations), then render the operations per dialect ({@link dev.svcinfra.migrate.autogen.OpRenderer}).
 * Compare never writes; render never touches the database; {@code check} is compare plus
 * "non-empty fails".
 */
package dev.svcinfra.migrate.autogen;
