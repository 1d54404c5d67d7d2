package dev.svcinfra.migrate.internal.runtime;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of some tables exist in the connection's current catalog and schema, through one JDBC
 * metadata call: each call is a catalog query (several on PostgreSQL), and an upgrade used to make
 * two to eight of them (issue 17). A table counts as present under its name as written, upper- or
 * lower-cased, because drivers differ in how they fold names they report; on a database whose
 * quoted names ignore case (SQLite, DuckDB, or as the driver reports), any spelling is the same
 * table.
 */
final class TablePresence {
  private TablePresence() {}

  /**
   * The names in {@code tables} (letters, digits and underscores) that exist.
   *
   * @param namesIgnoreCase whether the dialect knows that quoted names ignore case; otherwise the
   *     driver's metadata answers
   */
  static Set<String> existing(Connection c, List<String> tables, boolean namesIgnoreCase)
      throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    boolean caseBlind = namesIgnoreCase || !meta.supportsMixedCaseQuotedIdentifiers();
    List<String> reported = new ArrayList<>();
    try (ResultSet rs = meta.getTables(c.getCatalog(), schemaOf(c), pattern(tables), null)) {
      while (rs.next()) {
        reported.add(rs.getString("TABLE_NAME"));
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (String table : tables) {
      Set<String> spellings =
          new LinkedHashSet<>(
              List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)));
      if (reported.stream()
          .anyMatch(r -> spellings.contains(r) || (caseBlind && r.equalsIgnoreCase(table)))) {
        out.add(table);
      }
    }
    return out;
  }

  /**
   * One pattern covering every spelling of every name: their common prefix with each letter turned
   * into the one-character wildcard (patterns match case as the driver does), then {@code %}. The
   * history table's name starts with the version table's, so the prefix is long.
   */
  static String pattern(List<String> tables) {
    String prefix = tables.get(0);
    for (String t : tables) {
      int i = 0;
      while (i < prefix.length()
          && i < t.length()
          && Character.toLowerCase(prefix.charAt(i)) == Character.toLowerCase(t.charAt(i))) {
        i++;
      }
      prefix = prefix.substring(0, i);
    }
    return prefix.replaceAll("[A-Za-z]", "_") + "%";
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
