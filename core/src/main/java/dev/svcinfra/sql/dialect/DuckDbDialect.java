package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DuckDB through its JDBC driver: {@code duckdb:///relative.duckdb}, {@code duckdb:////abs.duckdb},
 * {@code duckdb://} (memory). URL parameters are passed to the driver as configuration
 * ({@code threads}, {@code memory_limit}, ...). No server-side statement timeout.
 *
 * @since 0.1
 */
public final class DuckDbDialect extends EmbeddedFileDialect {
  DuckDbDialect() {
    super("duckdb", Set.of("duckdb"));
  }

  @Override
  public String driverClassName() {
    return "org.duckdb.DuckDBDriver";
  }

  @Override
  public String driverArtifact() {
    return "org.duckdb:duckdb_jdbc";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    requireNoServer(url);
    StringBuilder jdbc = new StringBuilder("jdbc:duckdb:");
    filePath(url).ifPresent(jdbc::append);
    return new ConnectionTarget(jdbc.toString(), driverClassName(), url.params());
  }

  @Override
  public String containsIgnoreCase(String quotedColumn) {
    return quotedColumn + " ILIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
  }

  @Override
  public boolean supportsReturning() {
    return true;
  }

  // ---- DDL: DuckDB generates keys from a sequence ------------------------------------------

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case DOUBLE -> "DOUBLE";
      case TIMESTAMP_TZ -> "TIMESTAMPTZ";
      default -> super.columnTypeSql(type);
    };
  }

  @Override
  List<String> identityPrelude(Table table) {
    return table.columns().stream().filter(Column::identity)
        .map(c -> "CREATE SEQUENCE " + tableName(table.schema(), sequenceName(table, c)))
        .toList();
  }

  @Override
  String identityClause(Table table, Column c) {
    return " DEFAULT nextval(" + literal(table.schema().map(s -> s + ".").orElse("")
        + sequenceName(table, c)) + ")";
  }

  @Override
  public List<String> dropTableStatements(Table table) {
    List<String> out = new ArrayList<>(super.dropTableStatements(table));
    table.columns().stream().filter(Column::identity).forEach(c ->
        out.add("DROP SEQUENCE " + tableName(table.schema(), sequenceName(table, c))));
    return out;
  }

  private static String sequenceName(Table table, Column c) {
    return "seq_" + table.name() + "_" + c.name();
  }
}
