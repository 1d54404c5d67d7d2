package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

  private static boolean waitUntilReady(Http http, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (http.get("/_health/ready").status() == 200) {
          return true;
        }
      } catch (java.io.UncheckedIOException notYet) {
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
