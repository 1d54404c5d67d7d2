package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Composes a database URL from {@code DB_*} variables, the last step of {@link
 * DatabaseUrlResolver}: {@code DB_DIALECT} (default {@code postgresql}), {@code DB_DRIVER}, {@code
 * DB_HOST} (a path starting with {@code /} is a Unix-socket directory; several hosts as {@code
 * h1,h2} or {@code h1:5432,h2:5433}), {@code DB_PORT} (one port, or one per host), {@code DB_NAME},
 * {@code DB_USER}, {@code DB_PASSWORD} or {@code DB_PASSWORD_FILE}, and {@code DB_PARAMS} ({@code
 * k=v&k2=v2}).
 *
 * <p>Parts are used when {@code DB_HOST} or {@code DB_NAME} is set. A bad port or parameter list is
 * an error naming the variable; nothing is silently dropped.
 *
 * @since 0.1
 */
public final class UrlFromParts {
  /** The source name reported for composed URLs. */
  public static final String SOURCE = "DB_* parts";

  /** Dialect used when {@code DB_DIALECT} is unset. */
  public static final String DEFAULT_DIALECT = "postgresql";

  private UrlFromParts() {}

  /** The composed URL, or empty when neither {@code DB_HOST} nor {@code DB_NAME} is set. */
  public static Optional<DatabaseUrl> compose(Env env) {
    Optional<String> host = env.get("DB_HOST");
    Optional<String> name = env.get("DB_NAME");
    if (host.isEmpty() && name.isEmpty()) {
      return Optional.empty();
    }
    String dialect = env.get("DB_DIALECT").orElse(DEFAULT_DIALECT);
    if (!dialect.matches("[A-Za-z][A-Za-z0-9.-]*")) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "DB_DIALECT='"
              + dialect
              + "' is not a dialect name (postgresql, mysql, mariadb, sqlite, "
              + "mssql, snowflake, duckdb)");
    }
    DatabaseUrl.Builder b = DatabaseUrl.builder(dialect).driver(env.get("DB_DRIVER").orElse(null));
    List<Integer> ports = env.get("DB_PORT").map(UrlFromParts::ports).orElse(List.of());
    if (host.isPresent() && host.get().startsWith("/")) {
      b.socket(host.get());
      if (ports.size() > 1) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING,
            "DB_PORT='" + env.get("DB_PORT").get() + "' lists several ports for one socket host");
      }
      if (!ports.isEmpty()) {
        // Sockets are named by port too (.s.PGSQL.5432), so the port still matters.
        b.param("port", String.valueOf(ports.get(0)));
      }
    } else if (host.isPresent()) {
      HostList.addTo(b, host.get(), ports, env.get("DB_PORT").orElse(""));
    } else if (!ports.isEmpty()) {
      if (ports.size() > 1) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING,
            "DB_PORT='" + env.get("DB_PORT").get() + "' lists several ports but DB_HOST is unset");
      }
      b.host("localhost", ports.get(0));
    }
    name.ifPresent(b::database);
    env.get("DB_USER").ifPresent(b::user);
    password(env).ifPresent(b::password);
    env.get("DB_PARAMS").ifPresent(params -> addParams(params, b));
    return Optional.of(b.build());
  }

  private static Optional<String> password(Env env) {
    Optional<String> direct = Optional.ofNullable(env.raw("DB_PASSWORD")).filter(p -> !p.isBlank());
    if (direct.isPresent()) {
      // Passwords are taken as written: leading or trailing spaces may be part of them.
      return direct;
    }
    return env.get("DB_PASSWORD_FILE")
        .map(file -> ValueFiles.readRequired(Path.of(file), "DB_PASSWORD_FILE"));
  }

  /** {@code 5432} or {@code 5432,5433}: one port for every host, or one per host. */
  private static List<Integer> ports(String value) {
    List<Integer> out = new ArrayList<>();
    for (String p : value.split(",", -1)) {
      out.add(port(p.trim(), value));
    }
    return out;
  }

  private static Integer port(String value, String whole) {
    if (value.isEmpty()
        || !value.chars().allMatch(Character::isDigit)
        || value.length() > 5
        || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > 65535) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "DB_PORT='"
              + whole
              + "' is not a port number (1..65535) or a comma-separated list of them");
    }
    return Integer.valueOf(value);
  }

  private static void addParams(String params, DatabaseUrl.Builder b) {
    for (String segment : params.split("&", -1)) {
      String s = segment.trim();
      if (s.isEmpty()) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING,
            "DB_PARAMS segment '"
                + (s.toLowerCase(Locale.ROOT).startsWith("password") ? "password" : s)
                + "' is not key=value (expected for example sslmode=require&connect_timeout=5)");
      }
      b.param(
          PercentCodec.decode(s.substring(0, eq).trim()),
          PercentCodec.decode(s.substring(eq + 1).trim()));
    }
  }
}
