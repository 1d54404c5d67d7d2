/**
 * The annotations that turn a Java record or class into a table model: {@link
 * dev.svcinfra.sql.model.annotation.Table}, {@link dev.svcinfra.sql.model.annotation.Id}, {@link
 * dev.svcinfra.sql.model.annotation.Column} and the markers for soft delete, tenant, timestamps,
 * immutability and versions. {@code sql.model.TableMapping} reads them.
 */
package dev.svcinfra.sql.model.annotation;
