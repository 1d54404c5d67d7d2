package dev.svcinfra.lifecycle;

import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lists a database's user tables through JDBC metadata (so every dialect answers the same way)
 * and counts their rows. A table is named {@code schema.table} when the driver reports a schema.
 */
final class TableCensus {
  private static final String[] TABLE_TYPES = {"TABLE", "PARTITIONED TABLE"};
  private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema");

  private TableCensus() {}

  /** The user tables of the connection's database. */
  static Set<String> tables(Connection connection) throws SQLException {
    Set<String> names = new TreeSet<>();
    for (TableName t : list(connection)) {
      names.add(t.display());
    }
    return names;
  }

  /** Row counts per user table. */
  static Map<String, Long> rowCounts(Connection connection, Dialect dialect) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Statement st = connection.createStatement()) {
      for (TableName t : list(connection)) {
        String from = t.schema() == null ? dialect.quote(t.table())
            : dialect.quote(t.schema()) + "." + dialect.quote(t.table());
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + from)) {
          rs.next();
          counts.put(t.display(), rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private record TableName(String schema, String table) {
    String display() {
      return schema == null ? table : schema + "." + table;
    }
  }

  private static Set<TableName> list(Connection connection) throws SQLException {
    Set<TableName> tables = new java.util.LinkedHashSet<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(connection.getCatalog(), null, "%", TABLE_TYPES)) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        String table = rs.getString("TABLE_NAME");
        boolean system = (schema != null && (SYSTEM_SCHEMAS.contains(schema)
            || schema.startsWith("pg_toast") || schema.startsWith("pg_temp")))
            || table.startsWith("sqlite_");
        if (!system) {
          tables.add(new TableName(schema == null || schema.isEmpty() ? null : schema, table));
        }
      }
    }
    return tables;
  }
}
