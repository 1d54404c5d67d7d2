package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
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
}
