package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact itself: {@code java -jar target/quickstart.jar} started in an unrelated working
 * directory with no database configured serves its routes, applies its packaged migrations and
 * keeps its SQLite file in {@code data/} of that directory.
 */
class QuickstartJarIT {
  @TempDir Path workDir;

  @Test
  void theJarRunsFromAnyDirectory() throws Exception {
    Path jar = Path.of("target", "quickstart.jar").toAbsolutePath();
    assertThat(jar).exists();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("service.log").toFile());
    Map<String, String> env = pb.environment();
    // Nothing may point the service at a database: it must fall back to ./data.
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("SQL_")
                    || k.startsWith("DB_")
                    || k.startsWith("DATABASE_")
                    || k.startsWith("PRIVATE_SQL")
                    || k.equals("REDIS_URL"));
    env.put("SVC_INFRA_SECRETS_DIR", workDir.resolve("no-secrets").toString());
    env.put("PORT", String.valueOf(port));
    Process service = pb.start();
    try {
      Http http = new Http(port);
      assertThat(waitUntilReady(http, Duration.ofSeconds(60)))
          .as("the service answered; log:%n%s", log())
          .isTrue();
      Http.Reply created = http.post("/users", "{\"email\":\"jar@example.com\"}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(http.get("/openapi.json").status()).isEqualTo(200);
      assertThat(http.get("/docs").body()).contains("swagger-ui-bundle.js");
      assertThat(workDir.resolve("data/quickstart.db")).exists();
    } finally {
      service.destroy();
      service.waitFor();
    }
  }

  /**
   * Issue 19: any start-up failure is one line on stderr and exit status 1, never a stack trace. A
   * {@code mysql://} URL reaches the server through the MariaDB driver the jar carries (its "Access
   * denied" answer proves the connection was made) instead of a missing-driver crash.
   */
  @Test
  void startUpFailuresAreOneLine() throws Exception {
    String mariadb = dev.svcinfra.testing.TestServices.mariadbUrl();
    String mysqlWrongPassword = mariadb.replace("mariadb://root@", "mysql://root:wrong-secret@");
    int busy;
    try (ServerSocket taken = new ServerSocket(0)) {
      busy = taken.getLocalPort();
      Map<String, String[]> cases =
          Map.of(
              "mysql-url",
              new String[] {"SQL_URL", mysqlWrongPassword, "Access denied"},
              "bad-scheme",
              new String[] {"SQL_URL", "mysq://root@127.0.0.1/app", "mysq"},
              "port-in-use",
              new String[] {"PORT", String.valueOf(busy), String.valueOf(busy)});
      for (Map.Entry<String, String[]> c : cases.entrySet()) {
        Path log = workDir.resolve(c.getKey() + ".log");
        ProcessBuilder pb =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    Path.of("target", "quickstart.jar").toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SQL_") || k.startsWith("DATABASE_"));
        env.put("SVC_INFRA_SECRETS_DIR", workDir.resolve("no-secrets").toString());
        env.put("STARTUP_TIMEOUT", "3");
        env.put("PORT", "0");
        env.put(c.getValue()[0], c.getValue()[1]);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out)
            .as(c.getKey())
            .contains("quickstart: cannot start: ")
            .contains(c.getValue()[2])
            .doesNotContain("wrong-secret")
            .doesNotContain("\tat ")
            .doesNotContainPattern("(?m)^Exception in thread");
      }
    }
  }

  private static boolean waitUntilReady(Http http, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (http.get("/_health/ready").status() == 200) {
          return true;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  private String log() throws IOException {
    Path log = workDir.resolve("service.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }
}
