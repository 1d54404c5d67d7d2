package dev.svcinfra.sql.model.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.annotation.Repeatable;

/**
 * An index on the model's table: on a type, over the named columns; on a field, over that
 * field's column.
 *
 * <pre>{@code
 * @Index(columns = {"tenant_id", "created_at"})
 * @Table(name = "notes") public record Note(...) {}
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Indexes.class)
@Target({ElementType.TYPE, ElementType.FIELD})
public @interface Index {
  /** The index name; empty means {@code ix_<table>_<columns>} (or {@code ux_} when unique). */
  String name() default "";

  /** Column names (on a type); ignored on a field. */
  String[] columns() default {};

  boolean unique() default false;
}
