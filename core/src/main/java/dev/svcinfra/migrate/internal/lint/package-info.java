/**
 * Lint for revisions: finds destructive or locking statements (drops, rewriting type changes, NOT
 * NULL without a default, blocking index builds, renames of mapped columns) before they run.
 * Findings gate {@code upgrade} unless allowed by {@code --allow-destructive} or an inline {@code
 * -- lint:allow} comment. Start at {@link dev.svcinfra.migrate.internal.lint.Linter}.
 *
 * <p><b>Internal:</b> not supported API. The types here are public only so that other packages and
 * modules of svc-infra can reach them; they may change or disappear in any release without notice.
 * Use {@link dev.svcinfra.migrate.Migrations} instead.
 */
package dev.svcinfra.migrate.internal.lint;
