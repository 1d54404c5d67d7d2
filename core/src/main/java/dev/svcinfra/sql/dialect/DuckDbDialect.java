package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
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
}
