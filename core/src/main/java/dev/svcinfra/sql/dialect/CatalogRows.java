package dev.svcinfra.sql.dialect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Catalog queries about one table (MySQL's and MariaDB's information_schema, DuckDB's {@code
 * duckdb_*()} functions): the statement, its two parameters and the row loop, written once.
 */
final class CatalogRows {
  private CatalogRows() {}

  /** Reads one row of a catalog query. */
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code sql}, a catalog query whose two parameters are the schema (null for the
   * connection's own) and the table name, handing each row to {@code reader}.
   */
  static void forEachTableRow(
      Connection c, String sql, String schema, String table, RowReader reader) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }

  /** A SQL array of names (DuckDB's {@code constraint_column_names}) as strings. */
  static List<String> names(Array array) throws SQLException {
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }
}
