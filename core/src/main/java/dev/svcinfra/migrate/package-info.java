/**
 * Schema migrations, Alembic's layers in Java: {@link dev.svcinfra.migrate.Migrations} has one
 * method per CLI verb and composes the script layer ({@code migrate.script}: revisions and their
 * graph), the runtime ({@code migrate.runtime}: version table, transactions, lock, online or
 * offline SQL) and lint ({@code migrate.lint}).
 */
package dev.svcinfra.migrate;
