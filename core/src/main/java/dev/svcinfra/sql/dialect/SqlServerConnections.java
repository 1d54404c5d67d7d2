package dev.svcinfra.sql.dialect;

import static dev.svcinfra.sql.dialect.StandardDialect.containsKey;
import static dev.svcinfra.sql.dialect.StandardDialect.passwordProperty;
import static dev.svcinfra.sql.dialect.StandardDialect.take;
import static dev.svcinfra.sql.dialect.StandardDialect.unsupported;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a SQL Server URL into what mssql-jdbc takes: one host (a mirror is the {@code
 * failoverPartner} parameter), {@code sslmode} and the ODBC spellings translated to {@code encrypt}
 * and {@code trustServerCertificate}, login and socket timeouts from the settings.
 */
final class SqlServerConnections {
  private SqlServerConnections() {}

  /** The mssql-jdbc URL and driver properties for {@code url}. */
  static ConnectionTarget target(
      DatabaseUrl url, ConnectionOptions options, String name, String driverClassName) {
    if (url.socket().isPresent()) {
      throw unsupported(name, "SQL Server has no Unix-socket connections; give a host name");
    }
    if (url.hosts().size() > 1) {
      throw unsupported(
          name,
          "one host expected, got "
              + url.hosts()
              + " (use the failoverPartner parameter for a mirror)");
    }
    Map<String, String> params = new LinkedHashMap<>(url.params());
    take(params, "driver", "odbc_connect");
    Map<String, String> props = new LinkedHashMap<>();
    url.database().ifPresent(db -> props.put("databaseName", db));
    String dbParam = take(params, "databaseName", "database");
    if (dbParam != null) {
      props.put("databaseName", dbParam);
    }
    url.user().ifPresent(u -> props.put("user", u));
    String sslmode = take(params, "sslmode");
    String encrypt = take(params, "encrypt");
    String trust = take(params, "trustServerCertificate");
    if (sslmode != null) {
      switch (TlsSettings.checkMode("sslmode", sslmode)) {
        case "disable", "allow", "prefer" -> encrypt = "false";
        case "require" -> {
          encrypt = "true";
          trust = "true";
        }
        default -> {
          encrypt = "true";
          trust = "false";
        }
      }
    }
    if (encrypt != null) {
      props.put("encrypt", yesNo(encrypt));
    }
    if (trust != null) {
      props.put("trustServerCertificate", yesNo(trust));
    }
    String loginTimeout = take(params, "loginTimeout", "connect_timeout", "timeout");
    props.put(
        "loginTimeout",
        loginTimeout != null
            ? loginTimeout
            : String.valueOf(Math.max(1, options.timeouts().connect().toSeconds())));
    props.putAll(params);
    if (!containsKey(props, "socketTimeout")) {
      // Bounds a request behind a frozen or cut-off server (issue 18); milliseconds here.
      props.put("socketTimeout", String.valueOf(options.timeouts().socketTimeout().toMillis()));
    }

    HostPort host = url.host().orElse(new HostPort("localhost", null));
    StringBuilder jdbc = new StringBuilder("jdbc:sqlserver://").append(host.host());
    jdbc.append(':').append(host.port() == null ? SqlServerDialect.DEFAULT_PORT : host.port());
    // Values with ';', '=', braces or spaces travel as driver properties, exactly as written.
    Map<String, String> properties = passwordProperty(url);
    DriverParameters.place(jdbc, props, ';', ';', properties);
    return new ConnectionTarget(jdbc.toString(), driverClassName, properties);
  }

  private static String yesNo(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "yes", "true", "1", "on", "mandatory", "strict" -> "true";
      case "no", "false", "0", "off", "optional" -> "false";
      default -> value;
    };
  }
}
