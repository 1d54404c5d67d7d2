package dev.svcinfra.migrate.script;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The header of a {@link JavaMigration}: the same fields a revision file's header holds.
 *
 * <pre>{@code
 * @MigrationRevision(id = "5e6f7a8b9c0d", downRevision = "1a2b3c4d5e6f", message = "backfill")
 * }</pre>
 *
 * @since 0.1
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MigrationRevision {
  String id();

  /** The parents; empty for a base, several for a merge. */
  String[] downRevision() default {};

  String[] dependsOn() default {};

  String message() default "";
}
