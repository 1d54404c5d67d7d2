package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.RowEstimate;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The total a list reports, in the {@link CountMode} its request asked for (issue 23): a {@code
 * COUNT(*)}, the planner's estimate, or nothing. One place, so pages and slices count alike.
 */
record ListTotal(long value, CountMode kind) {
  static final ListTotal NONE = new ListTotal(-1, CountMode.NONE);

  static ListTotal exact(long value) {
    return new ListTotal(value, CountMode.EXACT);
  }

  /**
   * Counts the live rows {@code where} selects, as {@code mode} says. {@code atLeast} is how many
   * rows the page already proves (its offset plus its items): a stale estimate below it is raised
   * to it, since the rows are there.
   */
  static ListTotal of(
      Transaction tx,
      TableStatements<?> s,
      CountMode mode,
      Consumer<Conditions> where,
      long atLeast) {
    switch (mode) {
      case NONE:
        return NONE;
      case EXACT:
        Conditions count = s.count();
        where.accept(count);
        return exact(countOf(tx, count));
      default:
        Conditions rows = s.rows();
        where.accept(rows);
        return planned(tx, s.dialect, rows.statement(null), atLeast);
    }
  }

  private static ListTotal planned(
      Transaction tx, Dialect dialect, SqlStatement rows, long atLeast) {
    Optional<RowEstimate> planner = dialect.rowEstimate();
    if (planner.isPresent()) {
      RowEstimate explain = planner.get();
      SqlStatement estimate =
          new SqlStatement(explain.query(rows.sql()), rows.values(), rows.types(), null);
      long value = tx.queryFirst(estimate, explain::read).orElse(0L);
      return new ListTotal(Math.max(value, atLeast), CountMode.PLANNED);
    }
    // No estimate: count at most one row past the bound, so the cost stays fixed however large
    // the table; past the bound the list says it did not count rather than guess.
    StringBuilder bounded = new StringBuilder("SELECT COUNT(*) FROM (").append(rows.sql());
    dialect.appendLimitOffset(bounded, CountMode.BOUNDED_COUNT_LIMIT + 1L, 0, false);
    bounded.append(") bounded");
    long n =
        tx.queryFirst(
                new SqlStatement(bounded.toString(), rows.values(), rows.types(), null),
                rs -> rs.getLong(1))
            .orElseThrow();
    return n <= CountMode.BOUNDED_COUNT_LIMIT ? exact(n) : NONE;
  }

  /** A COUNT(*) answers exactly one row. */
  static long countOf(Transaction tx, Conditions count) {
    return tx.queryFirst(count.statement(null), rs -> rs.getLong(1)).orElseThrow();
  }
}
