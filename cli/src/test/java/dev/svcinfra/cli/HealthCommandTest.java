package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.config.Env;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.javalin.HealthPlugin;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCommandTest {
  private final HealthRegistry registry = new HealthRegistry();
  private final AtomicReference<CheckResult> cache = new AtomicReference<>(CheckResult.healthy());
  private Javalin app;
  private String ready;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    registry
        .add("database", DatabaseCheck.of(TestServices.postgresUrl()))
        .add("cache", cache::get, false);
    app =
        Javalin.create(
                config ->
                    config.registerPlugin(new HealthPlugin(health -> health.registry = registry)))
            .start(0);
    ready = "http://127.0.0.1:" + app.port() + "/_health/ready";
  }

  @AfterEach
  void stop() {
    app.stop();
    registry.close();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return SvcInfraCli.run(
        args,
        Env.empty(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void checkExits0WhenHealthy() {
    assertThat(run("health", "check", ready)).as(err()).isEqualTo(0);
    assertThat(out()).startsWith("healthy  " + ready + "  (HTTP 200, ");
  }

  @Test
  void checkVerboseListsEveryCheck() {
    assertThat(run("health", "check", ready, "--verbose")).isEqualTo(0);
    assertThat(out())
        .containsPattern("(?m)^  database +healthy +\\d+ ms$")
        .containsPattern("(?m)^  cache +healthy +\\d+ ms$");
  }

  @Test
  void checkExits1WhenDegradedUnlessDegradedIsAllowed() {
    cache.set(CheckResult.unhealthy("connection refused"));

    assertThat(run("health", "check", ready)).isEqualTo(1);
    assertThat(out())
        .startsWith("degraded  " + ready)
        .containsPattern("(?m)^  cache +unhealthy +\\d+ ms  connection refused$")
        .doesNotContain("database");
    assertThat(run("health", "check", ready, "--allow-degraded")).isEqualTo(0);
  }

  @Test
  void checkExits1WhenUnhealthyAndPrintsJson() throws Exception {
    registry.add("search", () -> CheckResult.unhealthy("index missing"), true);

    assertThat(run("health", "check", ready, "--json")).isEqualTo(1);

    JsonNode doc = new ObjectMapper().readTree(out());
    assertThat(doc.get("status").asText()).isEqualTo("unhealthy");
    assertThat(doc.get("http_status").asInt()).isEqualTo(503);
    assertThat(doc.get("url").asText()).isEqualTo(ready);
    List<String> names = new ArrayList<>();
    doc.get("checks").forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).containsExactly("database", "cache", "search");
  }

  @Test
  void checkOfOneNamedCheckAndOfLiveness() {
    String base = "http://127.0.0.1:" + app.port() + "/_health/";
    assertThat(run("health", "check", base + "checks/database")).isEqualTo(0);
    assertThat(run("health", "check", base + "checks/nope")).isEqualTo(1);
    assertThat(out()).startsWith("unhealthy").contains("HTTP 404");
    assertThat(run("health", "check", base + "live")).isEqualTo(0);
  }

  @Test
  void checkExits1WhenNothingListensOrNothingAnswers() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThat(run("health", "check", "http://127.0.0.1:" + closed + "/_health/ready"))
        .isEqualTo(1);
    assertThat(out())
        .startsWith("unhealthy  http://127.0.0.1:" + closed + "/_health/ready  (cannot connect");

    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (Exception e) {
                  // closed at the end of the test
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      long begin = System.nanoTime();
      int status =
          run(
              "health",
              "check",
              "http://127.0.0.1:" + silent.getLocalPort() + "/",
              "--timeout",
              "0.5");
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

      assertThat(status).isEqualTo(1);
      assertThat(out()).contains("(no answer within 0.5 s)");
      assertThat(elapsedMs).isLessThan(3_000);
    }
  }

  @Test
  void badUrlsAndOptionsAreUsageErrors() {
    assertThat(run("health", "check", "ftp://u:Sup3rSecretPw@host/")).isEqualTo(2);
    assertThat(err())
        .contains("URL must be an http:// or https:// URL")
        .doesNotContain("Sup3rSecretPw");
    assertThat(run("health", "check", ready, "--timeout", "0")).isEqualTo(2);
    assertThat(err()).contains("--timeout must be a positive number of seconds");
    assertThat(run("health", "wait", ready, "--interval", "-1")).isEqualTo(2);
    assertThat(run("health")).isEqualTo(2);
  }

  @Test
  void waitRetriesUntilHealthy() {
    AtomicInteger calls = new AtomicInteger();
    registry.add(
        "warmup",
        () ->
            calls.incrementAndGet() < 3
                ? CheckResult.unhealthy("warming up")
                : CheckResult.healthy());

    int status = run("health", "wait", ready, "--timeout", "20", "--interval", "0.1");

    assertThat(status).as(err()).isEqualTo(0);
    assertThat(out()).startsWith("healthy  " + ready + "  after 3 attempts");
    assertThat(err()).contains("waiting for " + ready + ": unhealthy (HTTP 503");
  }

  @Test
  void waitQuietPrintsNothingOnSuccess() {
    assertThat(run("health", "wait", ready, "--quiet")).isEqualTo(0);
    assertThat(out()).isEmpty();
    assertThat(err()).isEmpty();
  }

  @Test
  void waitExits1AtTheDeadlineWithTheLastStatus() {
    registry.add("search", () -> CheckResult.unhealthy("index missing"), true);

    long begin = System.nanoTime();
    int status = run("health", "wait", ready, "--timeout", "1", "--interval", "0.2", "--quiet");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

    assertThat(status).isEqualTo(1);
    assertThat(elapsedMs).isBetween(900L, 4_000L);
    assertThat(err())
        .startsWith("error: " + ready + " is not healthy after 1.0 s (")
        .contains("last status unhealthy (HTTP 503");
    assertThat(err().lines().count()).isEqualTo(1);
  }
}
