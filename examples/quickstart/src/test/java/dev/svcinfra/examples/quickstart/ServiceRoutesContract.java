package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenAPI, docs and health routes; with them the HTTP-level contract of conditional requests and
 * HTTP edges ({@link ConditionalRequestsContract}).
 */
interface ServiceRoutesContract extends QuickstartCase, ConditionalRequestsContract {
  // ---- documents and health ----------------------------------------------------------------

  @Test
  default void openApiDescribesEveryRoute() {
    Reply r = http().get("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    JsonNode doc = r.json();
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    JsonNode paths = doc.path("paths");
    for (String p : List.of("/users", "/notes", "/accounts")) {
      assertThat(paths.path(p).has("get") && paths.path(p).has("post")).as(p).isTrue();
      JsonNode item = paths.path(p + "/{id}");
      assertThat(item.has("get") && item.has("patch") && item.has("delete")).as(p).isTrue();
    }
    assertThat(paths.path("/transfer").has("post")).isTrue();
    JsonNode schemas = doc.path("components").path("schemas");
    assertThat(schemas.path("UserCreate").path("required"))
        .extracting(JsonNode::asText)
        .containsExactly("email");
    assertThat(schemas.path("UserCreate").path("properties").has("id")).isFalse();
    assertThat(schemas.path("User").path("properties").path("id").path("format").asText())
        .isEqualTo("uuid");
    assertThat(schemas.path("NoteCreate").path("properties").has("tenant_id")).isFalse();
    assertThat(schemas.path("Account").path("properties").path("balance").path("type").asText())
        .isEqualTo("number");
    assertThat(paths.path("/notes").path("get").path("parameters").toString())
        .contains("X-Tenant-Id");
    assertThat(paths.path("/users").path("get").path("parameters").toString())
        .contains("\"limit\"", "\"offset\"", "\"order_by\"", "\"q\"", "\"fields\"");
  }

  @Test
  default void healthRoutesAnswer() {
    Reply sql = http().get("/_sql/health");
    assertThat(sql.status()).isEqualTo(200);
    assertThat(sql.json().path("status").asText()).isEqualTo("healthy");
    assertThat(sql.json().has("latency_ms")).isTrue();
    assertThat(http().get("/_health/ready").status()).isEqualTo(200);
    assertThat(http().get("/_health/live").status()).isEqualTo(200);
    assertThat(http().get("/docs").body()).contains("swagger-ui-bundle.js");
  }

  @Test
  default void metricsAreServedInPrometheusTextFormat() {
    assertThat(http().get("/users?limit=1").status()).isEqualTo(200);
    Reply r = http().get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    assertThat(r.body())
        .contains(
            "svcinfra_http_requests_seconds_count{method=\"GET\",route=\"/users\",status=\"200\"}",
            "svcinfra_db_statements_seconds_count{",
            "svcinfra_migrations_applied_total",
            "hikaricp_connections_active{pool=\"svc-infra-primary\"}");
  }
}
