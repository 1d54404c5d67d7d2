package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mongo resources over HTTP (Javalin on port 0) against the in-process mongo-java-server. */
class MongoResourceTest {
  private static MongoTestServer server;
  private static MongoClient client;
  private TestApp app;
  private MongoDatabase db;

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

  private TestApp start(Consumer<MongoPlugin.Config> more, MongoResource... resources) {
    db = client.getDatabase("t" + UUID.randomUUID().toString().replace("-", ""));
    app =
        TestApp.mongo(
            mongo -> {
              mongo.database = db;
              for (MongoResource r : resources) {
                mongo.resource(r);
              }
              more.accept(mongo);
            });
    return app;
  }

  private static MongoResource items() {
    return MongoResource.of("items")
        .softDelete()
        .orderFields("name", "qty", "created_at")
        .fields(
            MongoField.string("name").required(),
            MongoField.integer("qty"),
            MongoField.object("meta"))
        .immutableFields("qty")
        .build();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JsonCodec.MAPPER.readTree(r.body());
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode body = json(r);
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String errorCode(HttpResponse<String> r, String field) throws Exception {
    for (JsonNode e : json(r).path("errors")) {
      if (e.path("field").asText().equals(field)) {
        return e.path("code").asText();
      }
    }
    return null;
  }

  @Test
  void everyRouteAndItsStatus() throws Exception {
    start(m -> {}, items());
    HttpResponse<String> created =
        app.send("POST", "/items", "{\"name\":\"pen\",\"qty\":3,\"meta\":{\"color\":\"red\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode pen = json(created);
    String id = pen.path("id").asText();
    assertThat(id).matches("[0-9a-f]{24}");
    assertThat(created.headers().firstValue("Location")).hasValue("/items/" + id);
    assertThat(pen.path("meta").path("color").asText()).isEqualTo("red");
    assertThat(pen.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    HttpResponse<String> got = app.send("GET", "/items/" + id, null);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(json(got).path("name").asText()).isEqualTo("pen");

    HttpResponse<String> patched = app.send("PATCH", "/items/" + id, "{\"name\":\"ink\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(json(patched).path("name").asText()).isEqualTo("ink");
    assertThat(json(patched).path("qty").asInt()).isEqualTo(3);

    HttpResponse<String> list = app.send("GET", "/items/", null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode page = json(list);
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("limit").asInt()).isEqualTo(50);
    assertThat(page.path("offset").asInt()).isEqualTo(0);
    assertThat(page.path("items").get(0).path("id").asText()).isEqualTo(id);

    assertThat(app.send("DELETE", "/items/" + id, null).statusCode()).isEqualTo(204);
    // Soft delete: still stored, with deleted_at, but gone from every route.
    Document stored = db.getCollection("items").find().first();
    assertThat(stored.get("deleted_at")).isNotNull();
    assertProblem(app.send("GET", "/items/" + id, null), 404, "not_found");
    assertProblem(app.send("PATCH", "/items/" + id, "{\"name\":\"x\"}"), 404, "not_found");
    assertProblem(app.send("DELETE", "/items/" + id, null), 404, "not_found");
    assertThat(json(app.send("GET", "/items", null)).path("total").asLong()).isZero();

    assertProblem(app.send("GET", "/items/" + "0".repeat(24), null), 404, "not_found");
    assertProblem(app.send("GET", "/items/not-an-id", null), 404, "not_found");
    assertProblem(app.send("PUT", "/items/" + id, "{}"), 405, "method_not_allowed");
    assertProblem(app.send("GET", "/nowhere", null), 404, "route_not_found");
  }

  @Test
  void declaredFieldsMakeBodiesStrict() throws Exception {
    start(m -> {}, items());
    HttpResponse<String> r =
        app.send("POST", "/items", "{\"qty\":\"3\",\"color\":\"red\",\"$set\":1}");
    assertProblem(r, 422, "validation");
    assertThat(errorCode(r, "qty")).isEqualTo("invalid_type");
    assertThat(errorCode(r, "color")).isEqualTo("unknown_field");
    assertThat(errorCode(r, "$set")).isEqualTo("unknown_field");
    assertThat(errorCode(r, "name")).isEqualTo("required");
    assertProblem(app.send("POST", "/items", "{\"name\":null}"), 422, "validation");
    assertProblem(
        app.send("POST", "/items", "{\"name\":\"a\",\"meta\":{\"$gt\":1}}"), 422, "validation");
    assertProblem(app.send("POST", "/items", "{\"name\":"), 422, "malformed_json");
    assertProblem(app.send("POST", "/items", "[1]"), 422, "malformed_json");
    assertProblem(app.send("POST", "/items", ""), 422, "malformed_json");
    assertThat(db.getCollection("items").countDocuments()).isZero();

    String id =
        json(app.send("POST", "/items", "{\"name\":\"pen\",\"qty\":1}")).path("id").asText();
    HttpResponse<String> immutable = app.send("PATCH", "/items/" + id, "{\"qty\":9}");
    assertProblem(immutable, 422, "validation");
    assertThat(errorCode(immutable, "qty")).isEqualTo("unknown_field");
    assertProblem(app.send("PATCH", "/items/" + id, "{\"name\":null}"), 422, "validation");
    assertThat(json(app.send("GET", "/items/" + id, null)).path("qty").asInt()).isEqualTo(1);
  }

  @Test
  void schemalessResourceStoresAnyFieldButRefusesOperatorNames() throws Exception {
    start(m -> {}, MongoResource.of("notes").build());
    HttpResponse<String> created =
        app.send("POST", "/notes", "{\"id\":\"n-1\",\"text\":\"hi\",\"tags\":[\"a\",1.5]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).path("id").asText()).isEqualTo("n-1");
    assertThat(json(created).path("tags").get(1).asDouble()).isEqualTo(1.5);
    assertProblem(app.send("POST", "/notes", "{\"$where\":\"1\"}"), 422, "validation");
    assertProblem(app.send("POST", "/notes", "{\"a.b\":1}"), 422, "validation");
    // Immutable fields are ignored on update, as the repository rules say.
    HttpResponse<String> patched =
        app.send(
            "PATCH", "/notes/n-1", "{\"created_at\":\"2000-01-01T00:00:00Z\",\"text\":\"ho\"}");
    assertThat(json(patched).path("text").asText()).isEqualTo("ho");
    assertThat(json(patched).path("created_at").asText()).doesNotStartWith("2000");
    // Hard delete without soft delete.
    assertThat(app.send("DELETE", "/notes/n-1", null).statusCode()).isEqualTo(204);
    assertThat(db.getCollection("notes").countDocuments()).isZero();
  }

  @Test
  void duplicateKeyIsConflictAndOversizedBodyIs413() throws Exception {
    start(m -> m.maxBodyBytes = 200, items());
    db.getCollection("items")
        .createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
    assertThat(app.send("POST", "/items", "{\"name\":\"pen\"}").statusCode()).isEqualTo(201);
    assertProblem(app.send("POST", "/items", "{\"name\":\"pen\"}"), 409, "conflict");
    assertProblem(
        app.send("POST", "/items", "{\"name\":\"" + "x".repeat(500) + "\"}"),
        413,
        "body_too_large");
    assertThat(db.getCollection("items").countDocuments()).isEqualTo(1);
  }

  @Test
  void listBoundsAreValidated() throws Exception {
    start(m -> {}, items());
    for (int i = 0; i < 3; i++) {
      app.send("POST", "/items", "{\"name\":\"n" + i + "\"}");
    }
    HttpResponse<String> zero = app.send("GET", "/items?limit=0", null);
    assertProblem(zero, 422, "validation");
    assertThat(errorCode(zero, "limit")).isEqualTo("invalid_value");
    assertThat(json(app.send("GET", "/items?limit=1", null)).path("items").size()).isEqualTo(1);
    JsonNode max = json(app.send("GET", "/items?limit=1000", null));
    assertThat(max.path("limit").asInt()).isEqualTo(1000);
    assertThat(max.path("items").size()).isEqualTo(3);
    assertProblem(app.send("GET", "/items?limit=1001", null), 422, "validation");
    HttpResponse<String> negative = app.send("GET", "/items?offset=-1", null);
    assertProblem(negative, 422, "validation");
    assertThat(errorCode(negative, "offset")).isEqualTo("invalid_value");
    assertThat(errorCode(app.send("GET", "/items?limit=abc", null), "limit"))
        .isEqualTo("invalid_type");
    JsonNode second = json(app.send("GET", "/items?limit=1&offset=1&order_by=name", null));
    assertThat(second.path("total").asLong()).isEqualTo(3);
    assertThat(second.path("offset").asInt()).isEqualTo(1);
    assertThat(second.path("items").get(0).path("name").asText()).isEqualTo("n1");
    JsonNode desc = json(app.send("GET", "/items?order_by=-name", null));
    assertThat(desc.path("items").get(0).path("name").asText()).isEqualTo("n2");
  }

  @Test
  void searchMatchesRegexCharactersLiterallyAndOnlyAllowedFields() throws Exception {
    start(
        m -> {},
        MongoResource.of("items")
            .searchFields("name")
            .orderFields("name")
            .fields(MongoField.string("name"), MongoField.string("secret"))
            .build());
    for (String name : List.of("a.c", "abc", "(x)", "x", "A.C too", "50%_off", "back\\slash")) {
      app.send("POST", "/items", JsonCodec.write(Map.of("name", name, "secret", "s")));
    }
    assertThat(names("/items?q=a.c&order_by=name")).containsExactly("A.C too", "a.c");
    assertThat(names("/items?q=.*")).isEmpty();
    assertThat(names("/items?q=(x)")).containsExactly("(x)");
    assertThat(names("/items?q=%25_")).containsExactly("50%_off");
    assertThat(names("/items?q=%5C")).containsExactly("back\\slash");
    assertThat(json(app.send("GET", "/items?q=a.c", null)).path("total").asLong()).isEqualTo(2);

    HttpResponse<String> field = app.send("GET", "/items?q=s&fields=secret", null);
    assertProblem(field, 422, "validation");
    assertThat(errorCode(field, "fields")).isEqualTo("not_allowed");
    HttpResponse<String> order = app.send("GET", "/items?order_by=secret", null);
    assertProblem(order, 422, "validation");
    assertThat(errorCode(order, "order_by")).isEqualTo("not_allowed");
  }

  private List<String> names(String path) throws Exception {
    HttpResponse<String> r = app.send("GET", path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    json(r).path("items").forEach(i -> out.add(i.path("name").asText()));
    return out;
  }

  @Test
  void tenantsAreIsolatedAndSpoofedTenantValuesAreRefused() throws Exception {
    start(
        m -> {},
        MongoResource.of("papers")
            .tenantField("tenant_id")
            .fields(MongoField.string("title").required())
            .build());
    assertProblem(app.send("GET", "/papers", null), 400, "tenant_context_missing");
    assertProblem(
        app.send("POST", "/papers", "{\"title\":\"t\"}", "X-Tenant-Id", "  "),
        400,
        "tenant_context_missing");

    HttpResponse<String> spoofed =
        app.send("POST", "/papers", "{\"title\":\"t\",\"tenant_id\":\"b\"}", "X-Tenant-Id", "a");
    assertProblem(spoofed, 422, "validation");
    assertThat(errorCode(spoofed, "tenant_id")).isEqualTo("not_allowed");
    assertThat(db.getCollection("papers").countDocuments()).isZero();

    HttpResponse<String> own =
        app.send("POST", "/papers", "{\"title\":\"t\",\"tenant_id\":\"a\"}", "X-Tenant-Id", "a");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
    String id = json(own).path("id").asText();
    assertThat(json(own).path("tenant_id").asText()).isEqualTo("a");

    assertProblem(app.send("GET", "/papers/" + id, null, "X-Tenant-Id", "b"), 404, "not_found");
    assertProblem(
        app.send("PATCH", "/papers/" + id, "{\"title\":\"x\"}", "X-Tenant-Id", "b"),
        404,
        "not_found");
    assertProblem(app.send("DELETE", "/papers/" + id, null, "X-Tenant-Id", "b"), 404, "not_found");
    assertThat(json(app.send("GET", "/papers", null, "X-Tenant-Id", "b")).path("total").asLong())
        .isZero();

    HttpResponse<String> move =
        app.send(
            "PATCH",
            "/papers/" + id,
            "{\"title\":\"moved\",\"tenant_id\":\"b\"}",
            "X-Tenant-Id",
            "a");
    assertProblem(move, 422, "validation");
    Document stored = db.getCollection("papers").find().first();
    assertThat(stored.getString("tenant_id")).isEqualTo("a");
    assertThat(stored.getString("title")).isEqualTo("t");

    assertThat(json(app.send("GET", "/papers", null, "X-Tenant-Id", "a")).path("total").asLong())
        .isEqualTo(1);
    assertThat(app.send("DELETE", "/papers/" + id, null, "X-Tenant-Id", "a").statusCode())
        .isEqualTo(204);
  }

  @Test
  void keysetPaginationWalksEveryDocumentOnce() throws Exception {
    start(m -> {}, items());
    for (int i = 0; i < 5; i++) {
      app.send("POST", "/items", "{\"name\":\"n" + i + "\",\"qty\":" + (i % 2) + "}");
    }
    Set<String> seen = new HashSet<>();
    String cursor = "";
    int pages = 0;
    while (cursor != null) {
      HttpResponse<String> r =
          app.send("GET", "/items?limit=2&order_by=-qty&cursor=" + cursor, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode page = json(r);
      assertThat(page.path("total").asLong()).isEqualTo(5);
      assertThat(page.has("next_cursor")).isTrue();
      page.path("items").forEach(i -> assertThat(seen.add(i.path("id").asText())).isTrue());
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    }
    assertThat(seen).hasSize(5);
    assertThat(pages).isEqualTo(3);
    HttpResponse<String> bad = app.send("GET", "/items?cursor=garbage", null);
    assertProblem(bad, 422, "validation");
    assertThat(errorCode(bad, "cursor")).isEqualTo("invalid_value");
    assertProblem(app.send("GET", "/items?cursor=&offset=2", null), 422, "validation");
  }

  @Test
  void openApiListsTheMongoRoutes() throws Exception {
    start(m -> {}, items(), MongoResource.of("papers").tenantField("tenant_id").build());
    JsonNode doc = json(app.send("GET", "/openapi.json", null));
    JsonNode paths = doc.path("paths");
    assertThat(paths.path("/items").has("get")).isTrue();
    assertThat(paths.path("/items").has("post")).isTrue();
    assertThat(paths.path("/items/{id}").has("get")).isTrue();
    assertThat(paths.path("/items/{id}").has("patch")).isTrue();
    assertThat(paths.path("/items/{id}").has("delete")).isTrue();
    JsonNode create = doc.path("components").path("schemas").path("ItemsCreate");
    assertThat(create.path("required").toString()).isEqualTo("[\"name\"]");
    assertThat(create.path("additionalProperties").asBoolean()).isFalse();
    assertThat(create.path("properties").has("qty")).isTrue();
    assertThat(
            doc.path("components")
                .path("schemas")
                .path("ItemsUpdate")
                .path("properties")
                .has("qty"))
        .isFalse();
    assertThat(paths.path("/papers").path("get").path("parameters").toString())
        .contains("X-Tenant-Id");
    assertThat(paths.path("/papers").path("get").path("responses").has("400")).isTrue();
  }

  @Test
  void aWrongDefaultOrderFailsAtStartUp() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> start(m -> {}, MongoResource.of("items").defaultOrder("-nope").build()))
        .hasMessageContaining("nope");
    app = null;
  }
}
