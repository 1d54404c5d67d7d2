package dev.svcinfra.sql.repo;

/**
 * How a list counts the rows behind its page (issue 23): exactly, by the planner's estimate, or not
 * at all. An exact {@code COUNT(*)} reads every matching row, so its cost grows with the table; an
 * estimate costs one {@code EXPLAIN} whatever the size; no count costs nothing.
 *
 * <pre>{@code
 * ListRequest cheap = ListRequest.builder().limit(20).count(CountMode.PLANNED).build();
 * Page<User> page = users.list(tx, cheap);
 * page.totalKind(); // EXACT when the page itself showed the total, else PLANNED
 * }</pre>
 *
 * @since 0.4
 */
public enum CountMode {
  /** {@code COUNT(*)} of the matching rows: exact, and as slow as reading them. */
  EXACT,

  /**
   * The query planner's estimate of the matching rows (PostgreSQL {@code EXPLAIN}, MySQL and
   * MariaDB {@code EXPLAIN} rows, DuckDB's estimated cardinality), as PostgREST's {@code Prefer:
   * count=planned}. Where the database has no estimate (SQLite, SQL Server, Snowflake here) the
   * rows are counted up to {@link #BOUNDED_COUNT_LIMIT}: an exact total below it, no total above
   * it. A page whose rows show the total (fewer than its limit) reports that exact total instead.
   */
  PLANNED,

  /** No count statement; the page carries no total. */
  NONE;

  /**
   * How many rows a dialect without a planner estimate counts for {@link #PLANNED} before giving
   * up: enough for the small tables such databases usually hold, and a fixed cost whatever the
   * table's size.
   */
  public static final int BOUNDED_COUNT_LIMIT = 10_000;

  /** The lower-case name used on the web ({@code exact}, {@code planned}, {@code none}). */
  public String token() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
