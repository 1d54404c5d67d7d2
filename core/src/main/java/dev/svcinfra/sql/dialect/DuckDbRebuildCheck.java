package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a DuckDB table, as reflection reads it, can be dropped and created again from that
 * reading without losing anything: a table the models do not know is rebuilt from it when it
 * references a table a revision rebuilds ({@link DuckDbDialect#rebuildRefusal}). Reflection keeps
 * columns (portable types, nullability, defaults as DuckDB writes them), the primary key, foreign
 * keys, indexes and unique constraints; it does not keep CHECK constraints, comments, generated
 * columns, collations, or types outside the portable ones (a {@code HUGEINT} would read as text). A
 * table with any of those is not rebuilt, and the revision is refused naming it.
 */
final class DuckDbRebuildCheck {
  private static final String WHERE =
      " WHERE database_name = current_database() AND schema_name = COALESCE(?, current_schema())"
          + " AND table_name = ?";

  /** Words of a CREATE TABLE that reflection cannot carry over. */
  private static final Pattern UNREFLECTED = Pattern.compile("(?i)\\b(GENERATED|COLLATE)\\b");

  private final DuckDbDialect dialect;

  DuckDbRebuildCheck(DuckDbDialect dialect) {
    this.dialect = dialect;
  }

  Optional<String> refusal(Connection c, String schema, Table table) throws SQLException {
    List<String> reasons = new ArrayList<>();
    if (count(c, "duckdb_constraints()", "constraint_type = 'CHECK'", schema, table) > 0) {
      reasons.add("it has CHECK constraints");
    }
    if (count(c, "duckdb_tables()", "comment IS NOT NULL", schema, table)
            + count(c, "duckdb_columns()", "comment IS NOT NULL", schema, table)
        > 0) {
      reasons.add("it has comments");
    }
    String sql = tableSql(c, schema, table);
    if (sql != null && UNREFLECTED.matcher(sql).find()) {
      reasons.add("it has generated columns or collations");
    }
    for (Column col : table.columns()) {
      String stored = storedType(c, schema, table, col.name());
      String read = typeOf(c, dialect.columnTypeSql(col.type()));
      if (stored != null && !stored.equalsIgnoreCase(read)) {
        reasons.add(
            "its column " + col.name() + " is " + stored + ", which would come back as " + read);
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static long count(Connection c, String view, String condition, String schema, Table t)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT count(*) FROM " + view + WHERE + " AND " + condition)) {
      st.setString(1, schema);
      st.setString(2, t.name());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String tableSql(Connection c, String schema, Table t) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT sql FROM duckdb_tables()" + WHERE)) {
      st.setString(1, schema);
      st.setString(2, t.name());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static String storedType(Connection c, String schema, Table t, String column)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT data_type FROM duckdb_columns()" + WHERE + " AND column_name = ?")) {
      st.setString(1, schema);
      st.setString(2, t.name());
      st.setString(3, column);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The type DuckDB makes of {@code typeSql}, spelled as {@code duckdb_columns()} spells it. */
  private static String typeOf(Connection c, String typeSql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT typeof(CAST(NULL AS " + typeSql + "))")) {
      rs.next();
      return rs.getString(1).toUpperCase(Locale.ROOT);
    }
  }
}
