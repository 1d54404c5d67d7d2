package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.TestServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 8: a distinctive password in every database URL given to every CLI command and to the
 * quickstart, over reachable, unreachable, refusing and malformed targets. It must appear in no
 * output, log line, health body or problem response, neither as typed nor URL-encoded.
 */
class SecretsTest {
  private static final String PASSWORD = "Zq7SeKrEtHush4411";

  /** A password with URL metacharacters, given encoded in URLs. */
  private static final String SPECIAL = "p@ss:w/rd%Zq7#x";

  private static final String SPECIAL_ENCODED = URLEncoder.encode(SPECIAL, StandardCharsets.UTF_8);
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

  private static List<String> secrets() {
    return List.of(PASSWORD, SPECIAL, SPECIAL_ENCODED);
  }

  /** The URLs: a server that ignores the password, one that refuses it, none, and bad ones. */
  private static Map<String, String> urls() {
    String pg = TestServices.newPostgresDatabase();
    String db = pg.substring(pg.lastIndexOf('/') + 1, pg.indexOf('?'));
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put(
        "postgres accepts",
        "postgresql://postgres:"
            + PASSWORD
            + "@127.0.0.1:"
            + TestServices.postgresPort()
            + "/"
            + db
            + "?sslmode=disable");
    urls.put(
        "mariadb refuses",
        "mariadb://root:" + PASSWORD + "@127.0.0.1:" + TestServices.MARIADB_PORT + "/test");
    urls.put("nothing listens", "postgresql://app:" + SPECIAL_ENCODED + "@127.0.0.1:1/app");
    urls.put("bad port", "postgresql://app:" + PASSWORD + "@127.0.0.1:99999/app");
    urls.put("bad host", "postgresql://app:" + PASSWORD + "@bad host name/app");
    urls.put("unknown scheme", "nosuchdb://app:" + PASSWORD + "@127.0.0.1/app");
    urls.put("broken", "postgresql://app:" + PASSWORD + "@[::1/app");
    urls.put("unencoded special", "postgresql://app:" + SPECIAL + "@127.0.0.1:1/app");
    return urls;
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void noCliCommandPrintsThePassword(@TempDir Path work) throws Exception {
    Path migrations = work.resolve("migrations");
    Files.createDirectories(migrations.resolve("versions"));
    Files.writeString(
        migrations.resolve("versions/a1_base.sql"),
        """
        -- revision: a1
        -- down_revision:
        -- message: base

        -- +upgrade postgresql,mariadb,mysql
        CREATE TABLE secret_probe (id BIGINT PRIMARY KEY);

        -- +downgrade postgresql,mariadb,mysql
        DROP TABLE secret_probe;
        """);
    String loc = "--script-location=" + migrations;
    List<List<String>> commands =
        List.of(
            List.of("sql", "url"),
            List.of("sql", "current", loc),
            List.of("sql", "upgrade", loc),
            List.of("sql", "upgrade", "--sql", loc),
            List.of("sql", "downgrade", "base", loc),
            List.of("sql", "heads", loc),
            List.of("sql", "branches", loc),
            List.of("sql", "history", loc),
            List.of("sql", "stamp", "head", loc),
            List.of("sql", "check", loc),
            List.of("sql", "revision", "-m", "x", loc),
            List.of("sql", "merge", "-m", "x", "heads", loc),
            List.of("sql", "init", "--script-location=" + work.resolve("fresh")),
            List.of(
                "backup",
                "verify",
                "--path=" + work.resolve("no-backups"),
                "--max-age-hours=1",
                "--restore"));
    List<CliRun> runs = new ArrayList<>();
    // Every command against a server that refuses the password and against a closed port;
    // the other URLs (a server that ignores it, bad or malformed ones) with the commands that
    // resolve and open the URL first.
    Map<String, String> urls = urls();
    List<String> everyCommand = List.of("mariadb refuses", "nothing listens");
    for (Map.Entry<String, String> url : urls.entrySet()) {
      for (List<String> command : commands) {
        if (!everyCommand.contains(url.getKey())
            && !command.get(1).equals("url")
            && !command.get(1).equals("current")) {
          continue;
        }
        runs.add(
            new CliRun(
                url.getKey(),
                command,
                Map.of("SQL_URL", url.getValue(), "DB_CONNECT_TIMEOUT", "2")));
        // The same through the option, where the command has one.
        if (!command.get(1).equals("init") && !command.get(0).equals("backup")) {
          List<String> withOption = new ArrayList<>(command);
          withOption.add("--database-url=" + url.getValue());
          runs.add(
              new CliRun(
                  url.getKey() + " (option)", withOption, Map.of("DB_CONNECT_TIMEOUT", "2")));
        }
      }
    }
    String mongo = "mongodb://app:" + PASSWORD + "@127.0.0.1:1/app";
    runs.add(
        new CliRun("mongo", List.of("mongo", "ping", "--timeout=1"), Map.of("MONGO_URL", mongo)));
    runs.add(
        new CliRun(
            "mongo",
            List.of("mongo", "prepare", "--timeout=1", "--indexes=" + work.resolve("none.json")),
            Map.of("MONGO_URL", mongo)));
    runs.add(
        new CliRun(
            "mongo",
            List.of("mongo", "ping", "--timeout=1", "--json", "--mongo-url=" + mongo),
            Map.of()));
    for (String probe :
        List.of(
            "http://svc:" + PASSWORD + "@127.0.0.1:1/_health/ready",
            "http://svc:" + PASSWORD + "@bad host/_health/ready")) {
      runs.add(new CliRun("health", List.of("health", "check", "--verbose", probe), Map.of()));
      runs.add(new CliRun("health", List.of("health", "check", "--json", probe), Map.of()));
      runs.add(
          new CliRun(
              "health", List.of("health", "wait", "--timeout=1", "--interval=1", probe), Map.of()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> outputs = new ArrayList<>();
    int i = 0;
    for (CliRun run : runs) {
      Path dir = work.resolve("run" + i++);
      outputs.add(
          pool.submit(
              () -> {
                try (ServiceProcess p = ServiceProcess.cli(run.args(), run.env(), dir)) {
                  p.awaitExit(Duration.ofSeconds(90));
                  return p.output();
                }
              }));
    }
    pool.shutdown();
    long bytes = 0;
    for (int n = 0; n < runs.size(); n++) {
      String out = outputs.get(n).get(3, TimeUnit.MINUTES);
      bytes += out.length();
      assertNoSecret(runs.get(n) + " printed", out);
    }
    synchronized (FIGURES) {
      FIGURES.put(
          "CLI runs",
          runs.size()
              + " ("
              + commands.size()
              + " sql/backup commands × "
              + everyCommand.size()
              + " URLs, `sql url`/`current` × "
              + urls.size()
              + " URLs, by variable and by option; mongo and health commands)");
      FIGURES.put("CLI output scanned", bytes + " characters");
      record();
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theQuickstartNeverShowsThePassword(@TempDir Path work) throws Exception {
    long scanned = 0;
    int answers = 0;
    // A server that goes away while the service runs: health bodies and problems name it.
    try (PostgresServer pg = PostgresServer.create()) {
      pg.start();
      String url =
          "postgresql://postgres:"
              + PASSWORD
              + "@127.0.0.1:"
              + pg.port()
              + "/postgres?sslmode=disable";
      try (ServiceProcess qs =
          ServiceProcess.quickstart(
              Map.of("SQL_URL", url, "DB_CONNECT_TIMEOUT", "1", "DB_POOL_TIMEOUT", "2"),
              work.resolve("qs"))) {
        qs.awaitReady(Duration.ofSeconds(90));
        Http http = qs.http();
        List<String[]> probes =
            List.of(
                new String[] {"GET", "/_health/ready", null},
                new String[] {"GET", "/_health/live", null},
                new String[] {"GET", "/_health/checks/database", null},
                new String[] {"GET", "/_sql/health", null},
                new String[] {"GET", "/users", null},
                new String[] {"POST", "/users", "{\"email\":1}"},
                new String[] {"POST", "/users", "{\"email\":\"a@b.c\"}"},
                new String[] {"GET", "/users/00000000-0000-0000-0000-000000000000", null},
                new String[] {"GET", "/nowhere", null},
                new String[] {"GET", "/openapi.json", null});
        for (int round = 0; round < 2; round++) {
          if (round == 1) {
            pg.stop();
          }
          for (String[] p : probes) {
            Http.Reply r = http.send(p[0], p[1], p[2]);
            answers++;
            scanned += r.body().length();
            assertNoSecret(
                p[0] + " " + p[1] + (round == 1 ? " (database down)" : "") + " answered",
                r.body() + r.headers());
          }
        }
        qs.close();
        scanned += qs.output().length();
        assertNoSecret("quickstart log", qs.output());
      }
    }
    // Services that never get their database: the start-up wait logs every failure.
    Map<String, String> failing = urls();
    failing.remove("postgres accepts");
    for (Map.Entry<String, String> url : failing.entrySet()) {
      try (ServiceProcess qs =
          ServiceProcess.quickstart(
              Map.of("SQL_URL", url.getValue(), "DB_CONNECT_TIMEOUT", "1"),
              work.resolve("bad-" + url.getKey().replace(' ', '-')))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (qs.alive() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        qs.close();
        scanned += qs.output().length();
        assertThat(qs.output())
            .as("%s: the service says why it cannot start", url.getKey())
            .isNotBlank();
        assertNoSecret("quickstart log with " + url.getKey(), qs.output());
      }
    }
    synchronized (FIGURES) {
      FIGURES.put(
          "quickstart answers scanned",
          answers + " (health, problems, OpenAPI; " + "database up, then down)");
      FIGURES.put("quickstart runs with failing URLs", failing.size());
      FIGURES.put("quickstart output scanned", scanned + " characters");
      record();
    }
  }

  private static void assertNoSecret(String what, String text) {
    for (String secret : secrets()) {
      assertThat(text).as("%s must not contain the password", what).doesNotContain(secret);
    }
  }

  private static void record() {
    ReliabilityReport.record(
        "8-secrets",
        "8. Secrets",
        FIGURES,
        0,
        "A distinctive password (and one with URL metacharacters, raw and encoded) in the "
            + "database URL of every CLI command (`sql` url, current, upgrade, upgrade --sql, "
            + "downgrade, heads, branches, history, stamp, check, revision, merge, init; "
            + "`backup verify`; `mongo ping`/`prepare`; `health check`/`wait` with credentials "
            + "in the probe URL) and of the quickstart, against a server that accepts it, one "
            + "that refuses it, a closed port, a bad port, a bad host, an unknown scheme and "
            + "malformed URLs. Asserted: the password appears in no output or log line, in no "
            + "health body and in no problem response, with the database up or down.");
  }

  /** One CLI run: what it is, its arguments, its environment. */
  private record CliRun(String name, List<String> args, Map<String, String> env) {
    @Override
    public String toString() {
      return name + ": svc-infra " + String.join(" ", args).replace(PASSWORD, "***");
    }
  }
}
