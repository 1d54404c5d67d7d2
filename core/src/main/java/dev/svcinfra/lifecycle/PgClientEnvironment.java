package dev.svcinfra.lifecycle;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The libpq environment ({@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}, {@code
 * PGDATABASE}, {@code PGSSLMODE}, ...) that points {@code pg_restore} and {@code psql} at the
 * scratch database on the live server. The password travels only here: a command line is visible to
 * every user of the machine ({@code ps}), a child's environment is not.
 */
final class PgClientEnvironment {
  /** Inherited variables that would override ours ({@code PGSERVICE} beats {@code PGHOST}). */
  static final Set<String> UNSET = Set.of("PGSERVICE", "PGSERVICEFILE", "PGHOSTADDR");

  private static final Pattern SSLMODE = Pattern.compile("[?&]sslmode=([^&]+)");
  private static final Pattern SOCKET_FILE = Pattern.compile("(.*)/\\.s\\.PGSQL\\.(\\d+)$");
  private static final int DEFAULT_PORT = 5432;

  /** Certificate parameters of the URL and the libpq variables that carry them. */
  private static final Map<String, String> TLS_FILES =
      Map.of(
          "sslrootcert",
          "PGSSLROOTCERT",
          "sslcert",
          "PGSSLCERT",
          "sslkey",
          "PGSSLKEY",
          "sslcrl",
          "PGSSLCRL");

  private PgClientEnvironment() {}

  static Map<String, String> of(DatabaseSettings live, String database) {
    DatabaseUrl url = live.primary().url();
    Map<String, String> env = new LinkedHashMap<>();
    if (url.socket().isPresent()) {
      Matcher file = SOCKET_FILE.matcher(url.socket().get());
      env.put("PGHOST", file.matches() ? file.group(1) : url.socket().get());
      if (file.matches()) {
        env.put("PGPORT", file.group(2));
      } else {
        url.host().map(HostPort::port).ifPresent(p -> env.put("PGPORT", String.valueOf(p)));
      }
    } else {
      env.put(
          "PGHOST",
          url.hosts().isEmpty()
              ? "localhost"
              : url.hosts().stream().map(HostPort::host).collect(Collectors.joining(",")));
      env.put(
          "PGPORT",
          url.hosts().isEmpty()
              ? String.valueOf(DEFAULT_PORT)
              : url.hosts().stream()
                  .map(h -> String.valueOf(h.port() == null ? DEFAULT_PORT : h.port()))
                  .collect(Collectors.joining(",")));
    }
    url.user().ifPresent(u -> env.put("PGUSER", u));
    url.password().ifPresent(p -> env.put("PGPASSWORD", p));
    env.put("PGDATABASE", database);
    // The same sslmode the JDBC connection uses: the URL's, else PGSSLMODE, else the default.
    String jdbc =
        Dialects.POSTGRESQL
            .connectionTarget(url, new ConnectionOptions(live.timeouts(), live.tls()))
            .jdbcUrl();
    Matcher ssl = SSLMODE.matcher(jdbc);
    if (ssl.find()) {
      env.put("PGSSLMODE", ssl.group(1));
    }
    TLS_FILES.forEach((param, variable) -> url.param(param).ifPresent(v -> env.put(variable, v)));
    env.put(
        "PGCONNECT_TIMEOUT", String.valueOf(Math.max(2, live.timeouts().connect().toSeconds())));
    env.put("PGAPPNAME", "svc-infra-restore-test");
    return env;
  }
}
