package dev.svcinfra.sql.dialect;

import static dev.svcinfra.sql.dialect.StandardDialect.containsKey;
import static dev.svcinfra.sql.dialect.StandardDialect.passwordProperty;
import static dev.svcinfra.sql.dialect.StandardDialect.queryWithUser;
import static dev.svcinfra.sql.dialect.StandardDialect.serverJdbcUrl;
import static dev.svcinfra.sql.dialect.StandardDialect.take;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a PostgreSQL URL into what pgjdbc takes: the TLS mode, libpq parameter names translated,
 * connect, login and socket timeouts, the pooler's {@code prepareThreshold}, host selection and a
 * Unix-socket host through junixsocket (the rules are listed on {@link PostgresDialect}).
 */
final class PostgresConnections {
  private static final String SOCKET_FACTORY =
      "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

  private PostgresConnections() {}

  /** The pgjdbc URL and driver properties for {@code url}. */
  static ConnectionTarget target(
      DatabaseUrl url, ConnectionOptions options, String driverClassName) {
    Map<String, String> query = queryWithUser(url);
    String ssl = take(query, "ssl");
    String sslmode = take(query, "sslmode");
    if (sslmode == null && ssl != null) {
      // asyncpg style: ssl=true|require|disable|false
      sslmode =
          switch (ssl.toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> "require";
            case "false", "0", "off" -> "disable";
            default -> ssl;
          };
    }
    sslmode =
        sslmode == null
            ? options.tls().effectiveDefault()
            : TlsSettings.checkMode("sslmode", sslmode);
    query.put("sslmode", sslmode);

    String connectTimeout = take(query, "connect_timeout", "connectTimeout");
    String seconds =
        connectTimeout != null
            ? connectTimeout
            : String.valueOf(Math.max(1, options.timeouts().connect().toSeconds()));
    query.put("connectTimeout", seconds);
    // connectTimeout bounds only the TCP connect; a server that accepts and then never answers
    // would hang the login for minutes. loginTimeout bounds the whole handshake.
    String loginTimeout = take(query, "loginTimeout");
    query.put("loginTimeout", loginTimeout != null ? loginTimeout : seconds);
    if (!options.pooler().keepsSessions()
        && query.keySet().stream().noneMatch("prepareThreshold"::equalsIgnoreCase)) {
      // Behind a transaction pooler the next statement may reach another server session, where
      // pgjdbc's named prepared statement S_n does not exist or is another client's (issue 18):
      // unnamed statements only, unless the user chose otherwise.
      query.put("prepareThreshold", "0");
    }
    String appName = take(query, "application_name", "ApplicationName");
    if (appName != null) {
      query.put("ApplicationName", appName);
    }
    PostgresHostSelection.apply(query, url.hosts().size(), options.replica());
    // A frozen or cut-off server never answers; without a socket timeout a request waits as long
    // as the partition lasts (issue 18). Keepalive lets the kernel notice a dead peer on an idle
    // connection too.
    if (!containsKey(query, "socketTimeout")) {
      long socket = options.timeouts().socketTimeout().toMillis();
      query.put("socketTimeout", String.valueOf((socket + 999) / 1000));
    }
    if (!containsKey(query, "tcpKeepAlive")) {
      query.put("tcpKeepAlive", "true");
    }
    url.socket()
        .ifPresent(
            dir -> {
              String port = take(query, "port");
              int p =
                  port != null
                      ? Integer.parseInt(port)
                      : url.host()
                          .map(h -> h.port() == null ? PostgresDialect.DEFAULT_PORT : h.port())
                          .orElse(PostgresDialect.DEFAULT_PORT);
              String file =
                  dir.endsWith(".s.PGSQL." + p)
                      ? dir
                      : dir.replaceAll("/+$", "") + "/.s.PGSQL." + p;
              query.put("socketFactory", SOCKET_FACTORY);
              query.put("socketFactoryArg", file);
            });
    Map<String, String> properties = passwordProperty(url);
    String jdbc = serverJdbcUrl("jdbc:postgresql:", url, query, properties);
    return new ConnectionTarget(jdbc, driverClassName, properties);
  }
}
