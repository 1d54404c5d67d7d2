package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The quick start of docs/web.md, as written there, against a fresh PostgreSQL database. */
class WebDocsExampleTest {

  @Table(name = "users")
  public record User(
      @Id(generation = Generation.UUID) UUID id,
      @Column(nullable = false, unique = true, length = 320) String email,
      String name,
      @CreatedAt @Column(nullable = false) Instant createdAt) {}

  public record Rename(String name) {}

  @Test
  void quickStartServesTheResourceAndTheOwnRoute() throws Exception {
    Database db = Database.open(TestServices.newPostgresDatabase());
    TestApp.createTables(db, User.class);
    // ---- docs/web.md "Quick start" ----
    SqlRepository<User> users = SqlRepository.of(User.class);
    Javalin app =
        Javalin.create(
                config -> {
                  config.registerPlugin(
                      new SqlPlugin(
                          sql -> {
                            sql.database = db; // leave out: opened from the environment
                            sql.resource(
                                SqlResource.of(User.class)
                                    .prefix("/users")
                                    .searchFields("name", "email")
                                    .defaultOrder("-created_at")
                                    .build());
                          }));
                  // Your own route, in the request transaction:
                  config.routes.post(
                      "/users/{id}/rename",
                      SqlPlugin.transactional(
                          ctx -> {
                            Rename body =
                                SqlPlugin.body(ctx, Rename.class); // strict JSON, 422 on bad input
                            Transaction tx = SqlPlugin.session(ctx);
                            users.update(
                                tx,
                                ctx.pathParam("id"),
                                Map.of("name", body.name())); // unknown id: 404
                            ctx.status(204);
                          }));
                })
            .start(0);
    // ---- end of the example ----
    try {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      HttpResponse<String> created =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/users"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"doc@example.com\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = new ObjectMapper().readTree(created.body()).path("id").asText();
      HttpResponse<String> renamed =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/users/" + id + "/rename"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Doc\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(renamed.statusCode()).isEqualTo(204);
      HttpResponse<String> found =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/users?q=doc&fields=name")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(found.body()).contains("\"total\":1").contains("\"name\":\"Doc\"");
      HttpResponse<String> missing =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/users/" + UUID.randomUUID() + "/rename"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      HttpResponse<String> wrongType =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/users/" + id + "/rename"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":5}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrongType.statusCode()).isEqualTo(422);
    } finally {
      app.stop();
    }
  }
}
