package dev.svcinfra.sql.model.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the soft-delete column: a timestamp set when the row is deleted (null while it lives) or a
 * boolean flag set to true. Reads, searches, counts, updates and deletes skip deleted rows.
 *
 * <pre>{@code
 * @SoftDelete Instant deletedAt
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface SoftDelete {}
