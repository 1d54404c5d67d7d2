package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.health.RedisCheck;
import dev.svcinfra.health.WaitReport;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The quick start of docs/health.md, as written there, against real PostgreSQL and Redis. */
class HealthDocsExampleTest {

  @Test
  void quickStartGatesStartupAndServesTheProbes() throws Exception {
    String redisUrl = TestServices.redisUrl();
    try (Database db = Database.open(TestServices.postgresUrl())) {
      // ---- docs/health.md "Quick start" ----
      HealthRegistry registry =
          new HealthRegistry().add("database", DatabaseCheck.of(db)); // critical, 5 s timeout
      if (redisUrl != null) {
        registry.add(
            "redis", RedisCheck.of(redisUrl), false, Duration.ofSeconds(2)); // non-critical
      }

      WaitReport startup = registry.waitUntilHealthy(Duration.ofSeconds(60), Duration.ofSeconds(2));
      if (!startup.ready()) {
        throw new IllegalStateException("dependencies not ready: " + startup.summary());
      }

      Javalin app =
          Javalin.create(
                  config ->
                      config.registerPlugin(new HealthPlugin(health -> health.registry = registry)))
              .start(0);
      // ---- end of the example ----
      try {
        assertThat(startup.attempts()).isEqualTo(1);
        HttpResponse<String> ready =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + "/_health/startup"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
            .startsWith("{\"status\":\"healthy\",\"checks\":[{\"name\":\"database\"")
            .contains("{\"name\":\"redis\",\"status\":\"healthy\",\"critical\":false");
      } finally {
        app.stop();
        registry.close();
      }
    }
  }
}
