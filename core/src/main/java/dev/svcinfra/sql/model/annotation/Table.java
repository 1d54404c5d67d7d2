package dev.svcinfra.sql.model.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or class as a table model and names the table (default: the class name in
 * snake_case). Model discovery finds classes carrying it.
 *
 * <pre>{@code
 * @Table(name = "users", renamedFrom = "accounts_users")
 * public record User(@Id(generation = Generation.IDENTITY) Long id, String email) {}
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
  /** The table name; empty means the class name in snake_case. */
  String name() default "";

  /** The schema; empty means the connection's default schema. */
  String schema() default "";

  /**
   * Names this table had before, newest first, so migrations render a rename instead of
   * drop+create.
   */
  String[] renamedFrom() default {};

  /** A comment stored with the table where the database keeps comments. */
  String comment() default "";
}
