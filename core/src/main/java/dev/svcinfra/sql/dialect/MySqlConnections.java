package dev.svcinfra.sql.dialect;

import static dev.svcinfra.sql.dialect.StandardDialect.containsKey;
import static dev.svcinfra.sql.dialect.StandardDialect.passwordProperty;
import static dev.svcinfra.sql.dialect.StandardDialect.queryWithUser;
import static dev.svcinfra.sql.dialect.StandardDialect.serverJdbcUrl;
import static dev.svcinfra.sql.dialect.StandardDialect.take;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a MySQL or MariaDB URL into what the dialect's driver takes: TLS spellings, connect and
 * socket timeouts, keepalive, a Unix socket and the high-availability mode. What the two drivers
 * spell differently (URL prefix, TLS mode names, socket parameters, host modes) the dialect says.
 */
final class MySqlConnections {
  private MySqlConnections() {}

  /** The JDBC URL and driver properties for {@code url} through {@code dialect}'s driver. */
  static ConnectionTarget target(MySqlDialect dialect, DatabaseUrl url, ConnectionOptions options) {
    Map<String, String> query = queryWithUser(url);
    String mode = take(query, "sslmode", "ssl-mode", "ssl_mode");
    String ssl = take(query, "ssl", "useSSL");
    if (mode == null && ssl != null) {
      mode =
          Set.of("true", "1", "on", "yes").contains(ssl.toLowerCase(Locale.ROOT))
              ? "require"
              : "disable";
    }
    if (mode != null) {
      query.put("sslMode", dialect.driverSslMode(mode));
    }
    String connectTimeout = take(query, "connect_timeout");
    if (!containsKey(query, "connectTimeout")) {
      long ms =
          connectTimeout != null
              ? Long.parseLong(connectTimeout) * 1000
              : options.timeouts().connect().toMillis();
      query.put("connectTimeout", String.valueOf(ms));
    }
    if (!containsKey(query, "socketTimeout")) {
      // Bounds a request behind a frozen or cut-off server (issue 18); milliseconds here.
      query.put("socketTimeout", String.valueOf(options.timeouts().socketTimeout().toMillis()));
    }
    if (!containsKey(query, "tcpKeepAlive")) {
      query.put("tcpKeepAlive", "true");
    }
    url.socket().ifPresent(path -> dialect.addSocket(query, path));
    String haMode = dialect.hostMode(query, url.hosts().size());
    Map<String, String> properties = passwordProperty(url);
    String prefix = haMode == null ? dialect.jdbcPrefix() : dialect.jdbcPrefix() + haMode + ":";
    String jdbc = serverJdbcUrl(prefix, url, query, properties);
    return new ConnectionTarget(jdbc, dialect.driverClassName(), properties);
  }
}
