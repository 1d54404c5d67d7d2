package dev.svcinfra.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value.
 *
 * <pre>{@code
 * List<String> names = tx.query("SELECT name FROM users", rs -> rs.getString(1));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RowMapper<R> {
  R map(ResultSet rs) throws SQLException;
}
