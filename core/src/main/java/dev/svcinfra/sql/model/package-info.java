/**
 * Table models: immutable schema objects ({@link dev.svcinfra.sql.model.Table}, {@link
 * dev.svcinfra.sql.model.Column}, {@link dev.svcinfra.sql.model.ColumnType}, indexes and
 * constraints) that migrations compare and dialects render, and {@link
 * dev.svcinfra.sql.model.TableMapping}, which reads an annotated record or class into such a table
 * once and maps rows with precomputed method handles. {@link dev.svcinfra.sql.model.ModelRegistry}
 * finds models by package scan or explicit registration.
 */
package dev.svcinfra.sql.model;
