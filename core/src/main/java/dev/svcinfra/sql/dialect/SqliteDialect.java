package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQLite through xerial sqlite-jdbc: {@code sqlite:///relative.db}, {@code sqlite:////abs.db},
 * {@code sqlite://} (memory). Foreign keys are enforced ({@code foreign_keys=true}) and writers
 * wait up to the connect timeout for a lock ({@code busy_timeout}) instead of failing at once.
 * There is no server-side statement timeout; JDBC's query timeout is the fallback.
 *
 * @since 0.1
 */
public final class SqliteDialect extends EmbeddedFileDialect {
  SqliteDialect() {
    super("sqlite", Set.of("sqlite", "sqlite3"));
  }

  @Override
  public String driverClassName() {
    return "org.sqlite.JDBC";
  }

  @Override
  public String driverArtifact() {
    return "org.xerial:sqlite-jdbc";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    requireNoServer(url);
    Map<String, String> query = new java.util.LinkedHashMap<>(url.params());
    query.putIfAbsent("foreign_keys", "true");
    query.putIfAbsent("busy_timeout", String.valueOf(options.timeouts().connect().toMillis()));
    StringBuilder jdbc = new StringBuilder("jdbc:sqlite:");
    jdbc.append(filePath(url).orElse(":memory:"));
    DatabaseUrl.appendQuery(jdbc, query, '?', '&');
    return new ConnectionTarget(jdbc.toString(), driverClassName(), Map.of());
  }

  @Override
  public boolean supportsReturning() {
    return true;
  }

  // ---- DDL: SQLite type affinities and the rowid alias --------------------------------------

  /**
   * Every integer is {@code INTEGER} so an identity key can be the rowid alias; JSON is
   * {@code TEXT} so a document that looks like a number is never converted by NUMERIC affinity.
   */
  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> "INTEGER";
      case DOUBLE -> "DOUBLE";
      case UUID -> "CHAR(36)";
      case JSON -> "TEXT";
      default -> super.columnTypeSql(type);
    };
  }

  /** {@code INTEGER PRIMARY KEY AUTOINCREMENT}: the only way SQLite generates keys. */
  @Override
  String identityClause(Table table, Column c) {
    return " PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  boolean identityNeedsNotNull() {
    return false;
  }

  @Override
  boolean primaryKeyInline(Table table) {
    return table.columns().stream().anyMatch(Column::identity);
  }

  /** SQLite keeps no comments. */
  @Override
  List<String> commentStatements(Table table) {
    return List.of();
  }
}
