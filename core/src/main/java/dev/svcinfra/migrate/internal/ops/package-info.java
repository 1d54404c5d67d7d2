/**
 * Portable schema operations: one immutable record per change under the sealed {@link
 * dev.svcinfra.migrate.internal.ops.MigrationOp}, each knowing its inverse, dispatched through
 * {@link dev.svcinfra.migrate.internal.ops.OpVisitor} so a new operation breaks the build until
 * every renderer handles it. Autogenerate computes them; dialects render them.
 *
 * <p><b>Internal:</b> not supported API. The types here are public only so that other packages and
 * modules of svc-infra can reach them; they may change or disappear in any release without notice.
 * Use {@link dev.svcinfra.migrate.Migrations} instead.
 */
package dev.svcinfra.migrate.internal.ops;
