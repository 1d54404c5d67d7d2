package dev.svcinfra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Actuator as an HTTP client sees it: the migrations endpoint's path, readiness, masking. */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "svc-infra.migrations.replace-flyway=true",
      "management.endpoints.web.exposure.include=*",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always",
      "management.endpoint.health.show-details=always",
      // A Redis URL with a password that must never be shown; nothing listens on port 1.
      "svc-infra.health.redis-url=redis://app:r3dis-pw@127.0.0.1:1"
    })
class ActuatorHttpTest {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("svc-infra-http");
    dir.toFile().deleteOnExit();
    registry.add("svc-infra.url", () -> "sqlite:///" + dir.resolve("app.db").toAbsolutePath());
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theMigrationsEndpointAnswersOnItsPath() throws Exception {
    HttpResponse<String> r = get("/actuator/svcinfra-migrations");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"current\":[\"b2c3d4e5f6a7\"]")
        .contains("\"pending\":[]")
        .contains("\"state\":\"applied\"");
  }

  @Test
  void readinessIsUpWithTheDatabaseWhileRedisIsDown() throws Exception {
    HttpResponse<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"db\"").doesNotContain("\"redis\"");
    HttpResponse<String> all = get("/actuator/health");
    assertThat(all.statusCode()).isEqualTo(503);
    assertThat(all.body()).contains("\"redis\"").doesNotContain("r3dis-pw");
  }

  @Test
  void passwordsNeverReachEnvOrConfigprops() throws Exception {
    HttpResponse<String> env = get("/actuator/env");
    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(env.body())
        .contains("svc-infra.health.redis-url")
        .contains("svc-infra.migrations.replace-flyway")
        .doesNotContain("r3dis-pw");
    HttpResponse<String> configprops = get("/actuator/configprops");
    assertThat(configprops.statusCode()).isEqualTo(200);
    assertThat(configprops.body()).contains("redisUrl").doesNotContain("r3dis-pw");
  }
}
