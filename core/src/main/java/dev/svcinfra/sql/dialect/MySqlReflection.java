package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reflection clean-up of MySQL and MariaDB for autogenerate: what InnoDB and Connector/J report
 * otherwise than the models declare it (indexes InnoDB made for foreign keys, functional key parts,
 * DECIMAL defaults padded to the scale), and the information_schema reads it needs. Split out of
 * {@link MySqlDialect} so that class stays about connections and SQL (issue 17).
 */
final class MySqlReflection {
  private MySqlReflection() {}

  /** {@link MySqlDialect#cleanReflectedTable}: the steps below, in order. */
  static Table clean(Connection c, String schema, Table table, MySqlDialect dialect)
      throws SQLException {
    return withFunctionalIndexes(c, schema, withoutForeignKeyIndexes(table), dialect);
  }

  /** The table without the indexes InnoDB created for its foreign keys. */
  static Table withoutForeignKeyIndexes(Table table) {
    return table.withIndexes(
        table.indexes().stream()
            .filter(
                ix ->
                    ix.unique()
                        || table.foreignKeys().stream()
                            .noneMatch(
                                fk ->
                                    fk.name().equalsIgnoreCase(ix.name())
                                        && fk.columns().equals(ix.columns())))
            .toList());
  }

  /**
   * MySQL 8.0.13+ reports a functional key part with no column name; its expression ({@code
   * lower(`email`)}) is in {@code information_schema.STATISTICS.EXPRESSION}, from which indexes
   * with such parts are read again. Asked only for tables with text columns, the only ones an
   * ignore-case index can cover, and never of a MariaDB server reached through a {@code mysql://}
   * URL (it has no functional key parts and no such column).
   */
  private static Table withFunctionalIndexes(
      Connection c, String schema, Table table, MySqlDialect dialect) throws SQLException {
    if (table.columns().stream().noneMatch(col -> col.type().isText())
        || c.getMetaData().getDatabaseMajorVersion() < 8
        || c.getMetaData().getDatabaseProductVersion().contains("MariaDB")) {
      return table;
    }
    Map<String, List<String>> parts = new LinkedHashMap<>();
    Map<String, Boolean> unique = new HashMap<>();
    Set<String> functional = new HashSet<>();
    CatalogRows.forEachTableRow(
        c,
        "SELECT INDEX_NAME, COLUMN_NAME, EXPRESSION, NON_UNIQUE "
            + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) "
            + "AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX",
        schema,
        table.name(),
        rs -> {
          String name = rs.getString(1);
          String expression = rs.getString(3);
          if (expression != null) {
            functional.add(name);
          }
          parts
              .computeIfAbsent(name, k -> new ArrayList<>())
              .add(expression != null ? expression : dialect.quote(rs.getString(2)));
          unique.put(name, rs.getInt(4) == 0);
        });
    List<Index> rebuilt =
        functional.stream()
            .map(n -> ExpressionIndexes.fromKeys(n, unique.get(n), parts.get(n)))
            .toList();
    return rebuilt.isEmpty() ? table : ExpressionIndexes.replace(table, rebuilt);
  }

  /**
   * The server pads a DECIMAL column's default to the column's scale ({@code DEFAULT 0} on {@code
   * DECIMAL(19, 2)} reads back as {@code 0.00}), so DECIMAL defaults that are plain numbers are
   * compared by value: {@code 0} and {@code 0.00} are the same default, {@code 0} and {@code 5} are
   * not.
   */
  static boolean sameDefault(ColumnType type, String model, String reflected) {
    if (type.kind() != ColumnType.Kind.DECIMAL) {
      return false;
    }
    return plainNumber(model)
        .flatMap(m -> plainNumber(reflected).map(r -> m.compareTo(r) == 0))
        .orElse(false);
  }

  private static Optional<BigDecimal> plainNumber(String sql) {
    String s = sql.strip();
    return s.matches("[-+]?\\d+(\\.\\d*)?|[-+]?\\.\\d+")
        ? Optional.of(new BigDecimal(s))
        : Optional.empty();
  }
}
