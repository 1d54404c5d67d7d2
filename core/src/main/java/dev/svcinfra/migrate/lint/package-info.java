/**
 * Lint for revisions: finds destructive or locking statements (drops, rewriting type changes,
 * NOT NULL without a default, blocking index builds, renames of mapped columns) before they run.
 * Findings gate {@code upgrade} unless allowed by {@code --allow-destructive} or an inline
 * {@code -- lint:allow} comment. Start at {@link dev.svcinfra.migrate.lint.Linter}.
 */
package dev.svcinfra.migrate.lint;
