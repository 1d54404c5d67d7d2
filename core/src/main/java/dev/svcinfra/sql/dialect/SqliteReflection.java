package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reflection clean-up of SQLite for autogenerate: DECIMAL precision and scale from the declared
 * type text, and expression indexes from their {@code CREATE INDEX} text, where the xerial driver
 * reports them otherwise. Split out of {@link SqliteDialect} so that class stays about connections
 * and SQL (issue 17).
 */
final class SqliteReflection {
  private SqliteReflection() {}

  /** The precision and scale of a declared {@code NUMERIC(19, 2)} / {@code DECIMAL(10)}. */
  private static final Pattern DECLARED_PRECISION =
      Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

  /** {@link SqliteDialect#cleanReflectedTable}: declared decimals, then expression indexes. */
  static Table clean(Connection c, String schema, Table table, SqliteDialect dialect)
      throws SQLException {
    return withExpressionIndexes(c, schema, withDeclaredDecimals(c, schema, table), dialect);
  }

  /**
   * The xerial driver reports an expression key part with no column name, so an index over {@code
   * lower("email")} would be missing or short of a part, and it reports a partial index as one over
   * every row. Indexes with an expression part ({@code pragma_index_xinfo} cid -2) or a {@code
   * WHERE} clause are read again from their {@code CREATE INDEX} text.
   */
  private static Table withExpressionIndexes(
      Connection c, String schema, Table table, SqliteDialect dialect) throws SQLException {
    String master = schema == null ? "sqlite_master" : dialect.quote(schema) + ".sqlite_master";
    String xinfo = schema == null ? "pragma_index_xinfo(m.name)" : "pragma_index_xinfo(m.name, ?)";
    List<Index> rebuilt = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.name, m.sql FROM "
                + master
                + " m "
                + "WHERE m.type = 'index' AND m.tbl_name = ? AND m.sql IS NOT NULL AND (EXISTS "
                + "(SELECT 1 FROM "
                + xinfo
                + " x WHERE x.key = 1 AND x.cid = -2) OR m.sql LIKE '%WHERE%')")) {
      ps.setString(1, table.name());
      if (schema != null) {
        ps.setString(2, schema);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String sql = rs.getString(2);
          // Only the Unicode fold makes an ignore-case index here; an index over lower()
          // (ASCII only, from before issue 16) stays an expression, so check reports it.
          Index keys =
              ExpressionIndexes.fromKeys(
                  rs.getString(1),
                  UNIQUE_INDEX.matcher(sql).find(),
                  ExpressionIndexes.keyParts(sql),
                  SqliteUnicodeLower.NAME);
          // A partial index is live rows only when its predicate is "column IS NULL". Any other
          // predicate cannot be written back from the models' form, so that index reads as
          // before issue 21: its keys without the predicate.
          rebuilt.add(
              ExpressionIndexes.predicate(sql)
                  .flatMap(ExpressionIndexes::whereNullColumn)
                  .map(keys::whereNull)
                  .orElse(keys));
        }
      }
    }
    return rebuilt.isEmpty() ? table : ExpressionIndexes.replace(table, rebuilt);
  }

  private static final Pattern UNIQUE_INDEX = Pattern.compile("(?is)^\\s*CREATE\\s+UNIQUE\\b");

  private static Table withDeclaredDecimals(Connection c, String schema, Table table)
      throws SQLException {
    // Every table is read: a DECIMAL_AS_INTEGER column is reported under another type.
    Map<String, String> declared = new HashMap<>();
    String sql =
        schema == null
            ? "SELECT name, type FROM pragma_table_info(?)"
            : "SELECT name, type FROM pragma_table_info(?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table.name());
      if (schema != null) {
        ps.setString(2, schema);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          declared.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    return table.withColumns(
        table.columns().stream()
            .map(
                col -> {
                  String type = declared.get(col.name().toLowerCase(Locale.ROOT));
                  Optional<ColumnType> scaled = SqliteDecimals.declared(type);
                  if (scaled.isPresent()) {
                    return new Column(
                        col.name(),
                        scaled.get(),
                        col.nullable(),
                        col.defaultSql(),
                        col.identity(),
                        col.comment(),
                        col.previousNames());
                  }
                  Matcher m = type == null ? null : DECLARED_PRECISION.matcher(type);
                  if (col.type().kind() != ColumnType.Kind.DECIMAL || m == null || !m.find()) {
                    return col;
                  }
                  int precision = Integer.parseInt(m.group(1));
                  int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                  if (precision < 1 || scale > precision) {
                    return col; // not a type the models can declare; compared as reported
                  }
                  if (SqliteDecimals.isLegacy(type)) {
                    // A NUMERIC(p, s) column holds binary floating point: reported as what it
                    // stores, so
                    // `sql check` shows the column that still needs migrating (issue 16).
                    return new Column(
                        col.name(),
                        ColumnType.of(ColumnType.Kind.DOUBLE),
                        col.nullable(),
                        col.defaultSql(),
                        col.identity(),
                        col.comment(),
                        col.previousNames());
                  }
                  return new Column(
                      col.name(),
                      ColumnType.decimal(precision, scale),
                      col.nullable(),
                      col.defaultSql(),
                      col.identity(),
                      col.comment(),
                      col.previousNames());
                })
            .toList());
  }
}
