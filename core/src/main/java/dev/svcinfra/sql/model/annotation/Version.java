package dev.svcinfra.sql.model.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integer version column for optimistic locking: it starts at 1, each update adds one, and
 * an update that names an outdated version fails with a conflict.
 *
 * <pre>{@code
 * @Version long version
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Version {}
