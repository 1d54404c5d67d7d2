package dev.svcinfra.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers tests run against, found on this machine or started in-process.
 *
 * <ul>
 *   <li>PostgreSQL: 127.0.0.1:5432 (trust auth, database {@code test}); without it, embedded
 *       PostgreSQL is started once per JVM.
 *   <li>MariaDB: 127.0.0.1:3306 (root, empty password, database {@code test}).
 *   <li>Redis: 127.0.0.1:6379.
 * </ul>
 *
 * <p>A service named in {@code SVC_INFRA_TEST_REQUIRE} (comma list, or {@code all}), or any service
 * when {@code CI=true}, must answer: a missing one fails the test instead of skipping it. Elsewhere
 * a missing MariaDB or Redis skips the test with a message saying so.
 */
public final class TestServices {
  public static final String HOST = "127.0.0.1";
  public static final int POSTGRES_PORT = 5432;
  public static final int MARIADB_PORT = 3306;
  public static final int REDIS_PORT = 6379;

  private static volatile EmbeddedPostgres embedded;

  private TestServices() {}

  /** A PostgreSQL URL (database {@code test} or the embedded server's), TLS off. */
  public static String postgresUrl() {
    if (answers(HOST, POSTGRES_PORT)) {
      return "postgresql://postgres@" + HOST + ":" + POSTGRES_PORT + "/test?sslmode=disable";
    }
    if (required("postgres")) {
      Assertions.fail(
          "PostgreSQL is required (CI or SVC_INFRA_TEST_REQUIRE) but nothing answers on "
              + HOST
              + ":"
              + POSTGRES_PORT);
    }
    return "postgresql://postgres@"
        + HOST
        + ":"
        + embeddedPostgres().getPort()
        + "/postgres?sslmode=disable";
  }

  /** The PostgreSQL server's port: the shared one, or the embedded one. */
  public static int postgresPort() {
    return answers(HOST, POSTGRES_PORT) ? POSTGRES_PORT : embeddedPostgres().getPort();
  }

  /** A MariaDB URL for database {@code test}. */
  public static String mariadbUrl() {
    requireOrSkip("mysql", "MariaDB", MARIADB_PORT);
    return "mariadb://root@" + HOST + ":" + MARIADB_PORT + "/test";
  }

  /**
   * A new, empty PostgreSQL database on the test server, dropped when the JVM exits. Use it when a
   * test creates tables, so concurrent test runs never see each other's tables.
   */
  public static String newPostgresDatabase() {
    String base = postgresUrl();
    String name = uniqueName();
    execute("org.postgresql.Driver", jdbc(base), "CREATE DATABASE " + name);
    String admin = jdbc(base);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    execute(
                        "org.postgresql.Driver",
                        admin,
                        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    return base.replaceFirst("/(test|postgres)\\?", "/" + name + "?");
  }

  /** A new, empty MariaDB database, dropped when the JVM exits. */
  public static String newMariadbDatabase() {
    String base = mariadbUrl();
    String name = uniqueName();
    String admin = "jdbc:mariadb://" + HOST + ":" + MARIADB_PORT + "/test?user=root";
    execute("org.mariadb.jdbc.Driver", admin, "CREATE DATABASE " + name);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    execute("org.mariadb.jdbc.Driver", admin, "DROP DATABASE IF EXISTS " + name)));
    return base.replaceFirst("/test$", "/" + name);
  }

  private static String uniqueName() {
    return "svc_"
        + Long.toHexString(System.nanoTime())
        + "_"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
  }

  private static String jdbc(String postgresUrl) {
    // postgresql://postgres@HOST:PORT/DB?sslmode=disable -> jdbc:postgresql://HOST:PORT/DB?...
    return "jdbc:postgresql://"
        + postgresUrl.substring(postgresUrl.indexOf('@') + 1)
        + "&user=postgres";
  }

  private static void execute(String driver, String jdbcUrl, String sql) {
    try {
      Class.forName(driver);
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement st = c.createStatement()) {
        st.execute(sql);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + jdbcUrl, e);
    }
  }

  /** A Redis URL. */
  public static String redisUrl() {
    requireOrSkip("redis", "Redis", REDIS_PORT);
    return "redis://" + HOST + ":" + REDIS_PORT;
  }

  private static void requireOrSkip(String service, String name, int port) {
    if (answers(HOST, port)) {
      return;
    }
    String why = name + " does not answer on " + HOST + ":" + port;
    if (required(service)) {
      Assertions.fail(name + " is required (CI or SVC_INFRA_TEST_REQUIRE): " + why);
    }
    Assumptions.abort(why + "; test skipped outside CI");
  }

  /**
   * The PostgreSQL client programs (pg_dump, pg_restore, psql) must be found, on PATH or in
   * Debian's {@code /usr/lib/postgresql/<version>/bin}, and must run: backup tests need them beside
   * a server. Without them the test is skipped outside CI (a machine with only a JDK runs an
   * embedded server and has no client programs) and fails in CI.
   */
  public static void requirePostgresClientPrograms() {
    String missing = null;
    for (String program : List.of("pg_dump", "pg_restore", "psql")) {
      missing = runsVersion(program);
      if (missing != null) {
        break;
      }
    }
    if (missing == null) {
      return;
    }
    if (required("postgres")) {
      Assertions.fail("the PostgreSQL client programs are required in CI: " + missing);
    }
    Assumptions.abort(missing + "; test skipped outside CI");
  }

  /** Null when {@code program --version} runs, else why not. */
  private static String runsVersion(String program) {
    List<Path> dirs = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        dirs.add(Path.of(entry));
      }
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions.sorted(Comparator.reverseOrder()).forEach(v -> dirs.add(v.resolve("bin")));
    } catch (IOException e) {
      // No Debian-style installation: PATH is all there is.
    }
    Path found =
        dirs.stream()
            .map(d -> d.resolve(program))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    if (found == null) {
      return "the PostgreSQL client program " + program + " is not installed";
    }
    try {
      Process p =
          new ProcessBuilder(found.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? null : found + " does not run: " + output.strip();
    } catch (IOException e) {
      return found + " does not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while running " + found;
    }
  }

  /** Whether the service must be present: named in SVC_INFRA_TEST_REQUIRE, or CI=true. */
  public static boolean required(String service) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return true;
    }
    String list = System.getenv().getOrDefault("SVC_INFRA_TEST_REQUIRE", "");
    Set<String> names =
        Arrays.stream(list.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return names.contains("all")
        || names.contains(service)
        || (service.equals("mysql") && names.contains("mariadb"));
  }

  /** Whether a TCP server accepts connections at host:port within half a second. */
  public static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static EmbeddedPostgres embeddedPostgres() {
    if (embedded == null) {
      synchronized (TestServices.class) {
        if (embedded == null) {
          try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                .addShutdownHook(
                    new Thread(
                        () -> {
                          try {
                            pg.close();
                          } catch (IOException ignored) {
                            // the JVM is exiting; the data directory is temporary
                          }
                        }));
            embedded = pg;
          } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
          }
        }
      }
    }
    return embedded;
  }
}
