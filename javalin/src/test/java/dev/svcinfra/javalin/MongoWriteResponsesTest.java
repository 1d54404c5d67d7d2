package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The body of a POST or PATCH is exactly the body a GET of the same document answers next: a client
 * may keep either, and a cache or an ETag sees one document, not two.
 */
class MongoWriteResponsesTest {
  /** Every JSON kind, nested, plus a lone surrogate, which UTF-8 storage cannot hold as sent. */
  private static final String BODY =
      "{\"name\":\"pen \\u00e9\\ud83d\\udd8a\",\"qty\":3,"
          + "\"big\":9007199254740993,\"ratio\":0.1,\"whole\":2.0,\"huge\":1e300,\"ok\":true,"
          + "\"none\":null,\"tags\":[\"a\",1,2.5,false,null,{\"k\":[]}],"
          + "\"meta\":{\"color\":\"red\",\"deep\":{\"n\":-0.0,\"e\":{}}},\"broken\":\"a\\ud800b\"}";

  private static MongoTestServer server;
  private static MongoClient client;
  private TestApp app;

  @BeforeAll
  static void startServer() {
    server = MongoTestServer.start();
    client = MongoClients.create(server.url());
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void start(MongoResource resource) {
    String database = "t" + UUID.randomUUID().toString().replace("-", "");
    app =
        TestApp.mongo(
            mongo -> {
              mongo.database = client.getDatabase(database);
              mongo.resource(resource);
            });
  }

  @Test
  void postAndPatchAnswerWhatTheNextGetAnswers() throws Exception {
    start(MongoResource.of("notes").softDelete().build());

    HttpResponse<String> created = app.send("POST", "/notes", BODY);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JsonCodec.MAPPER.readTree(created.body()).path("id").asText();
    assertThat(app.send("GET", "/notes/" + id, null).body()).isEqualTo(created.body());
    assertThat(
            JsonCodec.MAPPER.readTree(app.send("GET", "/notes", null).body()).path("items").get(0))
        .isEqualTo(JsonCodec.MAPPER.readTree(created.body()));

    HttpResponse<String> patched =
        app.send("PATCH", "/notes/" + id, BODY.replace("\"pen", "\"ink"));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(app.send("GET", "/notes/" + id, null).body()).isEqualTo(patched.body());
  }

  @Test
  void aTenantsPostAnswersWhatItsGetAnswers() throws Exception {
    start(
        MongoResource.of("items")
            .tenantField("tenant_id")
            .fields(
                MongoField.string("name").required(),
                MongoField.integer("qty"),
                MongoField.number("ratio"),
                MongoField.object("meta"),
                MongoField.array("tags"))
            .build());

    HttpResponse<String> created =
        app.send(
            "POST",
            "/items",
            "{\"name\":\"a\\ud800b\",\"qty\":3,\"ratio\":0.25,\"meta\":{\"x\":[1,2]},\"tags\":[]}",
            "X-Tenant-Id",
            "acme");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JsonCodec.MAPPER.readTree(created.body()).path("id").asText();
    assertThat(app.send("GET", "/items/" + id, null, "X-Tenant-Id", "acme").body())
        .isEqualTo(created.body());
  }
}
