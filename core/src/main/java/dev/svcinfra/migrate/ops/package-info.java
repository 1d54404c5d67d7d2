/**
 * Portable schema operations: one immutable record per change under the sealed
 * {@link dev.svcinfra.migrate.ops.MigrationOp}, each knowing its inverse, dispatched through
 * {@link dev.svcinfra.migrate.ops.OpVisitor} so a new operation breaks the build until every
 * renderer handles it. Autogenerate computes them; dialects render them.
 */
package dev.svcinfra.migrate.ops;
