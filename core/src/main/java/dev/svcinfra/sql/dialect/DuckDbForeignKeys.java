package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.ReferentialAction;
import dev.svcinfra.sql.model.internal.ForeignKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DuckDB table's foreign keys from {@code duckdb_constraints()}: its JDBC driver reports none,
 * and autogenerate must see a key added or dropped to rebuild the table for it. DuckDB keeps no
 * name of its own choosing for a key (it names them {@code table_column_column_fkey}), which is
 * fine since keys are compared by columns, and has no referential actions but {@code NO ACTION}.
 */
final class DuckDbForeignKeys {
  private static final String SQL =
      "SELECT constraint_name, constraint_column_names, referenced_table,"
          + " referenced_column_names FROM duckdb_constraints()"
          + " WHERE constraint_type = 'FOREIGN KEY' AND database_name = current_database()"
          + " AND schema_name = COALESCE(?, current_schema()) AND table_name = ?"
          + " ORDER BY constraint_index";

  private DuckDbForeignKeys() {}

  /**
   * @param schema the schema as passed to JDBC metadata; null for the connection's own
   */
  static List<ForeignKey> of(Connection c, String schema, String table) throws SQLException {
    List<ForeignKey> out = new ArrayList<>();
    CatalogRows.forEachTableRow(
        c,
        SQL,
        schema,
        table,
        rs ->
            out.add(
                new ForeignKey(
                    rs.getString(1),
                    CatalogRows.names(rs.getArray(2)),
                    Optional.empty(),
                    rs.getString(3),
                    CatalogRows.names(rs.getArray(4)),
                    ReferentialAction.NO_ACTION,
                    ReferentialAction.NO_ACTION)));
    return out;
  }
}
