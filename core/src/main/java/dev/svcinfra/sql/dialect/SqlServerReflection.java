package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What JDBC metadata does not tell about SQL Server indexes, read from the catalog views: a
 * filtered index's predicate ({@code sys.indexes.filter_definition}, {@code ([deleted_at] IS
 * NULL)}) and the computed columns of ignore-case indexes ({@code sys.computed_columns.definition},
 * {@code (lower([email]))}). mssql-jdbc reports the first as a plain index and the second as an
 * ordinary column; read back, they are the live-rows-only and ignore-case indexes the models
 * declare, so an applied revision checks clean. The parsing is tested without a server (there is
 * none in the test set-up); the two queries are not run here.
 */
final class SqlServerReflection {
  private SqlServerReflection() {}

  static final String COMPUTED_COLUMNS =
      "SELECT name, definition FROM sys.computed_columns WHERE object_id = OBJECT_ID(?)";

  static final String FILTERED_INDEXES =
      "SELECT name, filter_definition FROM sys.indexes WHERE object_id = OBJECT_ID(?)"
          + " AND has_filter = 1";

  /** {@code reflected} with its filtered indexes and ignore-case computed columns read back. */
  static Table clean(SqlServerDialect d, Connection c, String schema, Table reflected)
      throws SQLException {
    String table = d.tableName(Optional.ofNullable(schema), reflected.name());
    return apply(
        reflected, nameToText(c, COMPUTED_COLUMNS, table), nameToText(c, FILTERED_INDEXES, table));
  }

  /**
   * The pure part of {@link #clean}: computed columns named {@code <column>__lower} whose
   * definition is {@code lower(<column>)} leave the table, and an index whose every key is one of
   * them reads as ignore-case over their source columns; an index whose filter is {@code column IS
   * NULL} reads as live-rows-only on that column. Anything else stays as reported, so it remains a
   * difference: another filter, or a computed column of the user's own.
   *
   * @param computed computed column name to its definition
   * @param filters filtered index name to its filter definition
   */
  static Table apply(Table reflected, Map<String, String> computed, Map<String, String> filters) {
    Map<String, String> sources = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    computed.forEach(
        (name, definition) ->
            ExpressionIndexes.lowerColumn(definition)
                .filter(
                    source ->
                        (source + SqlServerIndexes.LOWER_SUFFIX)
                            .toLowerCase(Locale.ROOT)
                            .equals(name.toLowerCase(Locale.ROOT)))
                .ifPresent(source -> sources.put(name, source)));
    Map<String, String> filterByIndex = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    filterByIndex.putAll(filters);
    List<Index> indexes =
        reflected.indexes().stream().map(ix -> readBack(ix, sources, filterByIndex)).toList();
    return reflected
        .withColumns(
            reflected.columns().stream().filter(col -> !sources.containsKey(col.name())).toList())
        .withIndexes(indexes);
  }

  private static Index readBack(
      Index ix, Map<String, String> sources, Map<String, String> filters) {
    Index out = ix;
    if (!ix.ignoreCase() && sources.keySet().containsAll(ix.columns())) {
      out =
          new Index(ix.name(), ix.columns().stream().map(sources::get).toList(), ix.unique(), true);
    }
    String filter = filters.get(ix.name());
    if (filter != null) {
      Optional<String> column = ExpressionIndexes.whereNullColumn(filter);
      if (column.isEmpty()) {
        // Not a filter the models can declare: kept as text in the keys, so it is reported.
        return new Index(
            ix.name(), List.of(String.join(", ", out.keys()) + " WHERE " + filter), ix.unique());
      }
      out = out.whereNull(column.get());
    }
    return out;
  }

  /** The two text columns of {@code sql} for the table, as a map from the first to the second. */
  private static Map<String, String> nameToText(Connection c, String sql, String table)
      throws SQLException {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }
}
