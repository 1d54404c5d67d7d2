package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads which text columns of a MySQL or MariaDB table are in another collation than the binary one
 * the dialect's DDL gives them: tables created before issue 16, or by hand, in the server's default
 * collation, which ignores case and accents.
 */
final class TextCollations {
  private TextCollations() {}

  /**
   * The columns of {@code table} that {@code collated} says get a collation in DDL, whose {@code
   * information_schema} collation is not {@code binary}; names as reflected.
   */
  static Set<String> otherThan(
      Connection c, String schema, Table table, String binary, Predicate<Column> collated)
      throws SQLException {
    Set<String> text = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    table.columns().stream().filter(collated).forEach(col -> text.add(col.name()));
    Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (text.isEmpty()) {
      return out;
    }
    CatalogRows.forEachTableRow(
        c,
        "SELECT COLUMN_NAME, COLLATION_NAME FROM "
            + "information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) "
            + "AND TABLE_NAME = ? AND COLLATION_NAME IS NOT NULL",
        schema,
        table.name(),
        rs -> {
          String name = rs.getString(1);
          if (text.contains(name) && !binary.equalsIgnoreCase(rs.getString(2))) {
            out.add(name);
          }
        });
    return out;
  }
}
