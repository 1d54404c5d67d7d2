package dev.svcinfra.migrate.runtime;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Whether a table exists in the connection's current catalog and schema, through JDBC metadata.
 * The name is tried as written, upper- and lower-cased, because drivers differ in how they fold
 * names they report.
 */
final class TablePresence {
  private TablePresence() {}

  static boolean exists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String catalog = c.getCatalog();
    String schema = schemaOf(c);
    // Each metadata lookup is a catalog query (several on PostgreSQL): ask for each spelling once.
    for (String name : new java.util.LinkedHashSet<>(
        List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)))) {
      try (ResultSet rs = meta.getTables(catalog, schema, name, null)) {
        while (rs.next()) {
          if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Some drivers (SQLite) throw or answer null for the current schema. */
  private static String schemaOf(Connection c) {
    try {
      return c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }
}
