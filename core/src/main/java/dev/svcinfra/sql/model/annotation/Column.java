package dev.svcinfra.sql.model.annotation;

import dev.svcinfra.sql.model.ColumnType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Column details of a field: name (default: the field name in snake_case), nullability, uniqueness,
 * length, precision and scale, an explicit portable type, a server default and the names the column
 * had before.
 *
 * <pre>{@code
 * @Column(name = "email_address", nullable = false, unique = true, length = 320) String email
 * @Column(type = ColumnType.Kind.TEXT) String body
 * }</pre>
 *
 * <p>Without {@code @Column}, a field of a primitive type is NOT NULL and any other is nullable.
 * Use {@code nullable = false} for required reference-typed fields.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Column {
  /** The column name; empty means the field name in snake_case. */
  String name() default "";

  /** Whether NULL is allowed. Primitive fields are never nullable. */
  boolean nullable() default true;

  /** Adds a one-column unique constraint named {@code uq_<table>_<column>}. */
  boolean unique() default false;

  /** Length of a string (default 255) or binary column; 0 means the default. */
  int length() default 0;

  /** Digits of a decimal column; 0 means 19. */
  int precision() default 0;

  /** Digits after the point of a decimal column; -1 means 2. */
  int scale() default -1;

  /**
   * The portable kind, overriding the one derived from the Java type ({@code TEXT} or {@code JSON}
   * for a String, say); empty means derived. At most one value.
   */
  ColumnType.Kind[] type() default {};

  /** A server default as SQL text ({@code "0"}, {@code "CURRENT_TIMESTAMP"}); empty for none. */
  String defaultSql() default "";

  /** A comment stored with the column. */
  String comment() default "";

  /** Names this column had before, newest first, for rename detection by migrations. */
  String[] renamedFrom() default {};
}
