package dev.svcinfra.sql.dialect.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How one kind of database estimates the rows of a query without running it, for list totals
 * counted by estimate (issue 23): the {@code EXPLAIN} statement to send, run with the query's bind
 * values, and how to read the estimate from its first row. Dialects without a usable estimate
 * (SQLite keeps none per query; SQL Server and Snowflake are not run here to check one against)
 * have none, and lists count up to a bound there instead.
 */
public interface RowEstimate {
  /** The statement asking the planner about {@code select}, a {@code SELECT 1 FROM .. WHERE ..}. */
  String query(String select);

  /** The estimate in the current (first) row of {@link #query}'s result, 0 or more. */
  long read(ResultSet rs) throws SQLException;
}
