/**
 * The annotations that turn a Java record or class into a table model: {@link
 * dev.svcinfra.sql.model.annotation.Table}, {@link dev.svcinfra.sql.model.annotation.Id}, {@link
 * dev.svcinfra.sql.model.annotation.Column} and the markers for soft delete, tenant, timestamps,
 * immutability and versions. The library reads them once per class ({@code
 * sql.model.internal.TableMapping}).
 */
package dev.svcinfra.sql.model.annotation;
