package dev.svcinfra.lifecycle;

import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lists a database's user tables through JDBC metadata (so every dialect answers the same way) and
 * counts their rows. A table is named {@code schema.table} when the driver reports a schema.
 */
final class TableCensus {
  private static final String[] TABLE_TYPES = {"TABLE", "PARTITIONED TABLE"};

  private TableCensus() {}

  /** The user tables of the connection's database. */
  static Set<String> tables(Connection connection, Dialect dialect) throws SQLException {
    Set<String> names = new TreeSet<>();
    for (TableName t : list(connection, dialect)) {
      names.add(t.display());
    }
    return names;
  }

  /** Row counts per user table. */
  static Map<String, Long> rowCounts(Connection connection, Dialect dialect) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Statement st = connection.createStatement()) {
      for (TableName t : list(connection, dialect)) {
        String from =
            t.schema() == null
                ? dialect.quote(t.table())
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

  /** The dialect tells the database's own tables ({@link Dialect#isSystemTable}; issue 17). */
  private static Set<TableName> list(Connection connection, Dialect dialect) throws SQLException {
    Set<TableName> tables = new LinkedHashSet<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(connection.getCatalog(), null, "%", TABLE_TYPES)) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        String table = rs.getString("TABLE_NAME");
        if (!dialect.isSystemTable(schema, table)) {
          tables.add(new TableName(schema == null || schema.isEmpty() ? null : schema, table));
        }
      }
    }
    return tables;
  }
}
