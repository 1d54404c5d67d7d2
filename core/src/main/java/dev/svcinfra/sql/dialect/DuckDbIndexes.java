package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.internal.Index;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A DuckDB table's indexes and unique constraints from its catalog: its JDBC driver names the
 * indexes but reports no column for them, and none of the unique constraints. Without them
 * autogenerate would neither create nor drop an index, {@code check} could not see one missing, and
 * a rebuild's downgrade could not restore one the upgrade removed.
 *
 * <ul>
 *   <li>{@code duckdb_indexes()} keeps each {@code CREATE INDEX} as DuckDB writes it back ({@code
 *       CREATE UNIQUE INDEX ux ON "Users"((lower(email)))}); its key parts are read as on SQLite
 *       ({@link ExpressionIndexes#fromKeys}): all {@code lower(column)} is an ignore-case index,
 *       all columns a plain one, anything else an expression kept as its text, so it stays a
 *       difference. DuckDB has no partial indexes ({@code CREATE INDEX .. WHERE} is "not
 *       supported"), so no reflected index is live-rows-only, and a model's live-rows-only index is
 *       refused when the revision is written.
 *   <li>{@code duckdb_constraints()} holds the unique constraints of {@code CREATE TABLE}, under
 *       names DuckDB chooses ({@code users_email_key}); they come back as unique indexes over their
 *       columns, which is how JDBC reports other databases' constraints and how the comparison
 *       matches them (by columns).
 * </ul>
 */
final class DuckDbIndexes {
  private static final String INDEXES =
      "SELECT index_name, is_unique, sql FROM duckdb_indexes()"
          + " WHERE NOT is_primary AND database_name = current_database()"
          + " AND schema_name = COALESCE(?, current_schema()) AND table_name = ?"
          + " ORDER BY index_name";

  private static final String UNIQUES =
      "SELECT constraint_name, constraint_column_names FROM duckdb_constraints()"
          + " WHERE constraint_type = 'UNIQUE' AND database_name = current_database()"
          + " AND schema_name = COALESCE(?, current_schema()) AND table_name = ?"
          + " ORDER BY constraint_index";

  private DuckDbIndexes() {}

  /**
   * @param schema the schema as passed to JDBC metadata; null for the connection's own
   */
  static List<Index> of(Connection c, String schema, String table) throws SQLException {
    List<Index> out = new ArrayList<>();
    CatalogRows.forEachTableRow(
        c,
        INDEXES,
        schema,
        table,
        rs ->
            out.add(
                ExpressionIndexes.fromKeys(
                    rs.getString(1),
                    rs.getBoolean(2),
                    ExpressionIndexes.keyParts(rs.getString(3)))));
    CatalogRows.forEachTableRow(
        c,
        UNIQUES,
        schema,
        table,
        rs -> out.add(new Index(rs.getString(1), CatalogRows.names(rs.getArray(2)), true)));
    return out;
  }
}
