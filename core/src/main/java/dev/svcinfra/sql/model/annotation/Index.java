package dev.svcinfra.sql.model.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An index on the model's table: on a type, over the named columns; on a field, over that field's
 * column. With {@code ignoreCase = true} the index is over {@code lower(column)} for each column
 * (text columns only), so a unique one makes {@code Ann@x} and {@code ann@X} collide and {@code
 * LOWER(email) = LOWER(?)} lookups use it. With {@code trigram = true} the index serves the
 * generated list route's {@code q=} search ({@code ILIKE '%term%'}) on PostgreSQL; other databases
 * leave it out.
 *
 * <pre>{@code
 * @Index(columns = {"tenant_id", "created_at"})
 * @Index(columns = "email", unique = true, ignoreCase = true)   // ux_users_email_lower
 * @Index(columns = "name", trigram = true)                      // ix_users_name_trgm
 * @Index(columns = "email", unique = true, liveRowsOnly = true) // ux_users_email_live
 * @Table(name = "users") public record User(...) {}
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Indexes.class)
@Target({ElementType.TYPE, ElementType.FIELD})
public @interface Index {
  /**
   * The index name; empty means {@code ix_<table>_<columns>} ({@code ux_} when unique), with {@code
   * _lower} appended when {@code ignoreCase} ({@code ux_users_email_lower}), {@code _trgm} when
   * {@code trigram} ({@code ix_users_name_trgm}) and {@code _live} when {@code liveRowsOnly}
   * ({@code ux_users_email_lower_live}).
   */
  String name() default "";

  /** Column names (on a type); ignored on a field. */
  String[] columns() default {};

  boolean unique() default false;

  /**
   * Index {@code lower(column)} instead of the column (text columns only): Unicode lowercase and
   * nothing else, so {@code ÉMILE} and {@code émile} collide and {@code emile} does not. MySQL
   * writes it as a functional key part; MariaDB, which has no expression indexes, as an index on an
   * invisible virtual {@code lower(column)} column; SQLite over the Unicode fold the library
   * registers ({@code svcinfra_lower}), since its own {@code lower()} folds ASCII only; SQL Server
   * as an index on a persisted computed {@code <column>__lower} column ({@code LOWER(column)});
   * Snowflake has no indexes.
   */
  boolean ignoreCase() default false;

  /**
   * A trigram index for case-insensitive "contains" search ({@code ILIKE '%term%'}, what a
   * resource's {@code q=} parameter runs), text columns only. PostgreSQL builds it as {@code USING
   * gin (column gin_trgm_ops)}, one operator class per column, and autogenerate installs the {@code
   * pg_trgm} extension first when the database lacks it. SQLite, MySQL, MariaDB, SQL Server,
   * Snowflake and DuckDB have no index that serves such a search: there it is left out of the DDL,
   * autogenerate and {@code check}, and the search scans. It cannot be {@code unique} (GIN indexes
   * enforce nothing) nor {@code ignoreCase} (trigram search already ignores case).
   */
  boolean trigram() default false;

  /**
   * Cover live rows only: on a {@link SoftDelete} model whose soft-delete column is a timestamp
   * (NULL while the row lives), the index leaves deleted rows out, so a unique one lets a deleted
   * row's value be used again and a restore of that row is a conflict (issue 21). Opt-in, not the
   * default for soft-delete models: turning it on changes the index, and autogenerate then drops
   * and re-creates it in a revision of its own that says so. PostgreSQL, SQLite and SQL Server
   * build a partial (filtered) index {@code WHERE deleted_at IS NULL}; MySQL indexes {@code
   * IF(deleted_at IS NULL, column, NULL)} as a functional key part and MariaDB the same expression
   * as an invisible virtual column ({@code <column>__live}, or {@code <column>__lower_live} with
   * {@code ignoreCase}); NULL keys never collide there. DuckDB has no partial indexes and refuses
   * it; Snowflake has no indexes at all and leaves it out as it does every index. A plain
   * {@code @Column(unique = true)} stays a constraint over every row.
   *
   * @since 0.3
   */
  boolean liveRowsOnly() default false;
}
