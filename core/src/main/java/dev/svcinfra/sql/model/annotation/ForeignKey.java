package dev.svcinfra.sql.model.annotation;

import dev.svcinfra.sql.model.ReferentialAction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a field's column reference a column of another table.
 *
 * <pre>{@code
 * @ForeignKey(table = "users", onDelete = ReferentialAction.CASCADE) long userId
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ForeignKey {
  /** The referenced table. */
  String table();

  /** The referenced column. */
  String column() default "id";

  /** The referenced table's schema; empty for the default schema. */
  String schema() default "";

  /** The constraint name; empty means {@code fk_<table>_<column>}. */
  String name() default "";

  ReferentialAction onDelete() default ReferentialAction.NO_ACTION;

  ReferentialAction onUpdate() default ReferentialAction.NO_ACTION;
}
