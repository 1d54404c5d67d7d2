package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.health.RedisCheck;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthPluginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final HealthRegistry registry = new HealthRegistry();
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    registry.close();
  }

  private void start() {
    app =
        Javalin.create(
                config ->
                    config.registerPlugin(new HealthPlugin(health -> health.registry = registry)))
            .start(0);
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Issue 16: a load balancer probing with HEAD sees what GET would answer, 503 included, with the
   * plugin alone in the app.
   */
  @Test
  void headProbesAnswerAsGetWould() throws Exception {
    registry.add("database", () -> dev.svcinfra.health.CheckResult.unhealthy("down"));
    start();
    for (String path :
        new String[] {
          "/_health/ready",
          "/_health/startup",
          "/_health/checks/database",
          "/_health/checks/nope",
          "/_health/live"
        }) {
      HttpRequest head =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
              .timeout(Duration.ofSeconds(20))
              .method("HEAD", HttpRequest.BodyPublishers.noBody())
              .build();
      HttpResponse<String> response = http.send(head, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(get(path).statusCode());
      assertThat(response.body()).isEmpty();
    }
  }

  @Test
  void liveAnswersOkWithoutRunningChecks() throws Exception {
    registry.add(
        "database",
        () -> {
          throw new AssertionError("liveness must not run checks");
        });
    start();

    HttpResponse<String> response = get("/_health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(body(response)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
  }

  @Test
  void readyIs200WithARealDatabaseAndTheAggregateJson() throws Exception {
    registry.add("database", DatabaseCheck.of(TestServices.postgresUrl()));
    start();

    HttpResponse<String> response = get("/_health/ready");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.get("status").asText()).isEqualTo("healthy");
    JsonNode check = body.get("checks").get(0);
    assertThat(check.get("name").asText()).isEqualTo("database");
    assertThat(check.get("status").asText()).isEqualTo("healthy");
    assertThat(check.get("critical").asBoolean()).isTrue();
    assertThat(check.get("latency_ms").isIntegralNumber()).isTrue();
  }

  @Test
  void readyIs200DegradedWhenANonCriticalDependencyIsDown() throws Exception {
    registry
        .add("database", DatabaseCheck.of(TestServices.postgresUrl()))
        .add("redis", RedisCheck.of("redis://127.0.0.1:" + closedPort()), false);
    start();

    HttpResponse<String> response = get("/_health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.get("status").asText()).isEqualTo("degraded");
    JsonNode redis = body.get("checks").get(1);
    assertThat(redis.get("name").asText()).isEqualTo("redis");
    assertThat(redis.get("status").asText()).isEqualTo("unhealthy");
    assertThat(redis.get("message").asText()).startsWith("cannot connect to redis 127.0.0.1:");
  }

  @Test
  void readyIs503WhenACriticalDependencyIsDownAndNeverShowsItsPassword() throws Exception {
    String url =
        "postgresql://app:Sup3rSecretPw@127.0.0.1:" + closedPort() + "/app?sslmode=disable";
    registry.add("database", DatabaseCheck.of(url));
    start();

    HttpResponse<String> response = get("/_health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(body(response).get("status").asText()).isEqualTo("unhealthy");
    assertThat(body(response).get("checks").get(0).get("message").asText()).contains("app:***@");
    assertThat(response.body()).doesNotContain("Sup3rSecretPw");
  }

  @Test
  void emptyRegistryIsReadyAndSaysSo() throws Exception {
    start();

    HttpResponse<String> response = get("/_health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response).get("status").asText()).isEqualTo("healthy");
    assertThat(body(response).get("checks").size()).isZero();
    assertThat(body(response).get("message").asText()).isEqualTo("no health checks are registered");
  }

  @Test
  void startupIs503UntilTheChecksPassOnceThen200ForGood() throws Exception {
    AtomicReference<CheckResult> database =
        new AtomicReference<>(CheckResult.unhealthy("starting"));
    registry.add("database", database::get);
    start();

    assertThat(get("/_health/startup").statusCode()).isEqualTo(503);
    database.set(CheckResult.healthy());
    assertThat(get("/_health/startup").statusCode()).isEqualTo(200);
    database.set(CheckResult.unhealthy("outage"));

    assertThat(get("/_health/startup").statusCode()).isEqualTo(200);
    assertThat(get("/_health/ready").statusCode()).isEqualTo(503);
  }

  @Test
  void oneCheckByNameAnswers200Or503And404ForAnUnknownName() throws Exception {
    registry
        .add("database", DatabaseCheck.of(TestServices.postgresUrl()))
        .add("search", () -> CheckResult.unhealthy("index missing"), false);
    start();

    HttpResponse<String> database = get("/_health/checks/database");
    assertThat(database.statusCode()).isEqualTo(200);
    assertThat(body(database).get("name").asText()).isEqualTo("database");
    assertThat(body(database).get("status").asText()).isEqualTo("healthy");

    HttpResponse<String> search = get("/_health/checks/search");
    assertThat(search.statusCode()).isEqualTo(503);
    assertThat(body(search).get("message").asText()).isEqualTo("index missing");

    HttpResponse<String> unknown = get("/_health/checks/nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = body(unknown);
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("code").asText()).isEqualTo("health_check_unknown");
    assertThat(problem.get("detail").asText()).isEqualTo("no health check named 'nope'");
    assertThat(problem.get("instance").asText()).isEqualTo("/_health/checks/nope");
  }

  @Test
  void routesMoveWithThePrefix() throws Exception {
    app =
        Javalin.create(
                config ->
                    config.registerPlugin(
                        new HealthPlugin(
                            health -> {
                              health.registry = registry;
                              health.prefix = "/ops/health";
                            })))
            .start(0);

    assertThat(get("/ops/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/_health/live").statusCode()).isEqualTo(404);
  }

  @Test
  void aMissingRegistryFailsWhenTheAppIsCreated() {
    assertThatThrownBy(
            () -> Javalin.create(config -> config.registerPlugin(new HealthPlugin(health -> {}))))
        .hasMessageContaining("HealthPlugin needs a registry");
  }
}
