package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.ReferentialAction;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the live schema through JDBC {@link DatabaseMetaData} into {@code sql.model} tables: the
 * connection's own schema (tables without a schema name) plus {@code ALEMBIC_INCLUDE_SCHEMAS}.
 * Unique indexes come back as unique indexes (JDBC does not tell constraints from indexes); the
 * comparator matches them with model unique constraints by their columns. The dialect then cleans
 * up each table ({@link Dialect#cleanReflectedTable}) where its database or driver reports it
 * otherwise than the models declare it, expression indexes included: each driver reports an
 * expression key its own way (PostgreSQL as its text, SQLite and MySQL with no column name, which
 * this reader skips), and the dialect reads {@code lower(column)} keys back as ignore-case indexes.
 *
 * <pre>{@code
 * List<Table> live = new SchemaReflector(dialect, List.of(), Set.of("svc_infra_version")).reflect(c);
 * }</pre>
 *
 * @since 0.1
 */
public final class SchemaReflector {
  private final Dialect dialect;
  private final List<String> extraSchemas;
  private final TableFilter filter;

  /**
   * @param excluded table names (lower case) to leave out: the migration bookkeeping tables
   */
  public SchemaReflector(Dialect dialect, List<String> extraSchemas, Set<String> excluded) {
    this(dialect, extraSchemas, TableFilter.excluding(excluded));
  }

  /** A reflector of the tables {@code filter} includes. */
  public SchemaReflector(Dialect dialect, List<String> extraSchemas, TableFilter filter) {
    this.dialect = dialect;
    this.extraSchemas = List.copyOf(extraSchemas);
    this.filter = filter;
  }

  public List<Table> reflect(Connection c) {
    try {
      List<Table> out = new ArrayList<>(reflectSchema(c, currentSchema(c), Optional.empty()));
      for (String schema : extraSchemas) {
        out.addAll(reflectSchema(c, schema, Optional.of(schema)));
      }
      return out;
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED, "cannot read the database schema: " + e.getMessage(), e);
    }
  }

  /** The database's installed extensions ({@code pg_extension}); empty where there are none. */
  public Set<String> extensions(Connection c) {
    try {
      return dialect.installedExtensions(c);
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot read the database's extensions: " + e.getMessage(),
          e);
    }
  }

  /**
   * Per reflected table ({@link SchemaComparator#key}), the text columns whose collation is not the
   * one the dialect's DDL gives them ({@code Dialect.columnsToRecollate}; issue 16): tables without
   * such columns are left out.
   */
  public Map<String, Set<String>> columnsToRecollate(Connection c, List<Table> reflected) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    try {
      for (Table t : reflected) {
        Set<String> columns = dialect.columnsToRecollate(c, t.schema().orElse(null), t);
        if (!columns.isEmpty()) {
          out.put(SchemaComparator.key(t.schema(), t.name()), columns);
        }
      }
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot read the collations of the database's columns: " + e.getMessage(),
          e);
    }
    return out;
  }

  private static String currentSchema(Connection c) {
    try {
      return c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  private List<Table> reflectSchema(Connection c, String schema, Optional<String> label)
      throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String catalog = c.getCatalog();
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        meta.getTables(catalog, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (filter.includes(label.orElse(null), name)
            && !dialect.isSystemTable(rs.getString("TABLE_SCHEM"), name)) {
          names.add(name);
        }
      }
    }
    List<Table> out = new ArrayList<>();
    for (String name : names) {
      Table t =
          Table.named(name)
              .withSchema(label.orElse(null))
              .withColumns(columns(meta, catalog, schema, name))
              .withPrimaryKey(primaryKey(meta, catalog, schema, name));
      t =
          t.withIndexes(indexes(meta, catalog, schema, name, t.primaryKey()))
              .withForeignKeys(foreignKeys(meta, catalog, schema, name));
      out.add(dialect.cleanReflectedTable(c, schema, t));
    }
    return out;
  }

  private static List<Column> columns(
      DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
    List<Column> out = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
      while (rs.next()) {
        String def = rs.getString("COLUMN_DEF");
        Column col =
            Column.of(
                    rs.getString("COLUMN_NAME"),
                    ReflectedTypes.of(
                        rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"),
                        rs.getInt("DECIMAL_DIGITS")))
                .withNullable(rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls)
                .withDefault(
                    def == null || def.isBlank() || def.equalsIgnoreCase("NULL") ? null : def);
        if ("YES".equalsIgnoreCase(safe(rs, "IS_AUTOINCREMENT"))) {
          col = col.asIdentity().withDefault(null);
        }
        out.add(col);
      }
    }
    return out;
  }

  private static String safe(ResultSet rs, String column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      return null;
    }
  }

  private static List<String> primaryKey(
      DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
    Map<Integer, String> keys = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        keys.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return List.copyOf(keys.values());
  }

  private static List<Index> indexes(
      DatabaseMetaData meta, String catalog, String schema, String table, List<String> primaryKey)
      throws SQLException {
    Map<String, Map<Integer, String>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, false)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        String column = rs.getString("COLUMN_NAME");
        if (name == null || column == null) {
          continue;
        }
        columns
            .computeIfAbsent(name, k -> new TreeMap<>())
            .put(rs.getInt("ORDINAL_POSITION"), column);
        unique.put(name, !rs.getBoolean("NON_UNIQUE"));
      }
    }
    List<Index> out = new ArrayList<>();
    for (var e : columns.entrySet()) {
      List<String> cols = List.copyOf(e.getValue().values());
      if (cols.equals(primaryKey) && unique.get(e.getKey())) {
        continue; // the primary key's own index
      }
      out.add(new Index(e.getKey(), cols, unique.get(e.getKey())));
    }
    return out;
  }

  private static List<ForeignKey> foreignKeys(
      DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
    Map<String, List<String[]>> byName = new LinkedHashMap<>();
    try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
      while (rs.next()) {
        String name = rs.getString("FK_NAME");
        String key = name != null ? name : "fk_" + table + "_" + rs.getString("PKTABLE_NAME");
        byName
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                new String[] {
                  rs.getString("FKCOLUMN_NAME"),
                  rs.getString("PKTABLE_NAME"),
                  rs.getString("PKCOLUMN_NAME")
                });
      }
    }
    List<ForeignKey> out = new ArrayList<>();
    for (var e : byName.entrySet()) {
      List<String> cols = e.getValue().stream().map(r -> r[0]).toList();
      List<String> refs = e.getValue().stream().map(r -> r[2]).toList();
      out.add(
          new ForeignKey(
              e.getKey(),
              cols,
              Optional.empty(),
              e.getValue().get(0)[1],
              refs,
              ReferentialAction.NO_ACTION,
              ReferentialAction.NO_ACTION));
    }
    return out;
  }
}
