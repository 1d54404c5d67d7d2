/**
 * Table models: what users write is an annotated record or class ({@code sql.model.annotation});
 * {@link dev.svcinfra.sql.model.ModelRegistry} finds models by package scan or explicit
 * registration, {@link dev.svcinfra.sql.model.ColumnType} names a column's portable type, and
 * {@link dev.svcinfra.sql.model.ValueLimits} holds the rules a value must meet to be stored
 * exactly. The schema objects that migrations compare and dialects render, and the mapping of a
 * model onto one, are in {@code sql.model.internal}.
 */
package dev.svcinfra.sql.model;
