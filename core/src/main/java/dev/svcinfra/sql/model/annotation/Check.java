package dev.svcinfra.sql.model.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CHECK constraint on the model's table; the expression is SQL over column names.
 *
 * <pre>{@code
 * @Check(name = "ck_accounts_balance", value = "balance >= 0")
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Checks.class)
@Target(ElementType.TYPE)
public @interface Check {
  /** The SQL expression. */
  String value();

  /** The constraint name; empty means {@code ck_<table>_<n>}. */
  String name() default "";
}
