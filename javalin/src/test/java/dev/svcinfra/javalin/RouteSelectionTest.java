package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.javalin.SqlResource.Operation;
import dev.svcinfra.sql.Database;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources that expose some of their routes (issue 21): a removed verb answers 405 with {@code
 * Allow} naming what the path serves, a path left with no method is a 404 for every method, HEAD
 * and OPTIONS follow the same table, the tenant still scopes what remains, and the OpenAPI document
 * lists exactly the mounted routes.
 */
class RouteSelectionTest {
  /** Mounted without being documented: the document, Swagger UI and the database probe. */
  static final Set<String> UNDOCUMENTED =
      Set.of("/openapi.json", "/docs", "/webjars/", "/_sql/health");

  @TempDir Path dir;

  private TestApp t;

  @BeforeEach
  void start() {
    Database db = Database.open("sqlite:///" + dir.resolve("verbs.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class, Memo.class, Ledger.class);
    t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.idempotencyKeys = false;
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/catalog")
                      .tags("catalog")
                      .readOnly()
                      .build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/inbox")
                      .tags("inbox")
                      .operations(Operation.LIST, Operation.CREATE)
                      .build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/items")
                      .tags("items")
                      .operations(Operation.GET, Operation.UPDATE)
                      .build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/drop")
                      .tags("drop")
                      .operations(Operation.CREATE, Operation.DELETE)
                      .build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/full")
                      .operations(Operation.values())
                      .build());
              sql.resource(SqlResource.of(Memo.class).prefix("/memos").readOnly().build());
              // Restore is its own switch, beside the operations.
              sql.resource(
                  SqlResource.of(Ledger.class)
                      .operations(Operation.LIST, Operation.GET, Operation.DELETE)
                      .restore(true)
                      .build());
            },
            config -> {});
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private void assertNotAllowed(String method, String path, String allow) throws Exception {
    HttpResponse<String> r =
        t.send(method, path, method.equals("GET") || method.equals("HEAD") ? null : "{}");
    assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).as(method + " " + path).contains(allow);
    if (!method.equals("HEAD")) {
      assertThat(r.body()).contains("\"code\":\"method_not_allowed\"");
    }
  }

  private void assertNoRoute(String path) throws Exception {
    for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
      HttpResponse<String> r = t.send(method, path, null);
      assertThat(r.statusCode()).as(method + " " + path).isEqualTo(404);
      assertThat(r.headers().firstValue("Allow")).as(method + " " + path).isEmpty();
      if (!method.equals("HEAD")) {
        assertThat(r.body()).contains("\"code\":\"route_not_found\"");
      }
    }
  }

  @Test
  void aReadOnlyResourceRefusesEveryWriteWith405() throws Exception {
    String id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    assertNotAllowed("POST", "/catalog", "GET, HEAD");
    for (String method : List.of("PUT", "PATCH", "DELETE", "OPTIONS")) {
      assertNotAllowed(method, "/catalog/" + id, "GET, HEAD");
    }
    assertThat(t.send("GET", "/catalog", null).statusCode()).isEqualTo(200);
    assertThat(t.send("GET", "/catalog/", null).statusCode()).isEqualTo(200);
    assertThat(t.send("HEAD", "/catalog", null).statusCode()).isEqualTo(200);
    assertThat(t.send("GET", "/catalog/" + id, null).statusCode()).isEqualTo(404);
    // Rows written through another resource of the same table are read here.
    HttpResponse<String> created = t.send("POST", "/inbox", "{\"code\":\"g1\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(t.send("GET", "/catalog", null).body()).contains("\"code\":\"g1\"");
  }

  @Test
  void aPathWithNoMethodLeftIsA404() throws Exception {
    // List and create only: no item path at all.
    assertNoRoute("/inbox/3fa85f64-5717-4562-b3fc-2c963f66afa6");
    assertNotAllowed("PUT", "/inbox", "GET, HEAD, POST");
    assertNotAllowed("DELETE", "/inbox", "GET, HEAD, POST");
    // Get and update only: no collection path, with or without the trailing slash.
    assertNoRoute("/items");
    assertNoRoute("/items/");
    assertNotAllowed("DELETE", "/items/x", "GET, HEAD, PATCH");
    assertNotAllowed("PUT", "/items/x", "GET, HEAD, PATCH");
    assertThat(t.send("PATCH", "/items/x", "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void withoutGetHeadIsNotAllowedEither() throws Exception {
    assertNotAllowed("GET", "/drop", "POST");
    assertNotAllowed("HEAD", "/drop", "POST");
    assertNotAllowed("GET", "/drop/", "POST");
    assertNotAllowed("GET", "/drop/x", "DELETE");
    assertNotAllowed("HEAD", "/drop/x", "DELETE");
    assertNotAllowed("PATCH", "/drop/x", "DELETE");
    HttpResponse<String> created = t.send("POST", "/drop", "{\"code\":\"d1\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String path = created.headers().firstValue("Location").orElseThrow();
    assertThat(path).startsWith("/drop/");
    assertThat(t.send("DELETE", path, null).statusCode()).isEqualTo(204);
    assertThat(t.send("DELETE", path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void restoreSitsBesideTheChosenOperations() throws Exception {
    assertNotAllowed("GET", "/ledgers/1/restore", "POST");
    assertNotAllowed("PATCH", "/ledgers/1", "GET, HEAD, DELETE");
    assertNotAllowed("POST", "/ledgers", "GET, HEAD");
    assertThat(t.send("POST", "/ledgers/1/restore", null, "X-Tenant-Id", "acme").statusCode())
        .isEqualTo(404);
  }

  @Test
  void everyOperationServesPutToo() throws Exception {
    assertNotAllowed("DELETE", "/full", "GET, HEAD, POST");
    assertNotAllowed("POST", "/full/x", "GET, HEAD, PUT, PATCH, DELETE");
  }

  @Test
  void theTenantStillScopesTheRoutesThatRemain() throws Exception {
    HttpResponse<String> noTenant = t.send("GET", "/memos", null);
    assertThat(noTenant.statusCode()).isEqualTo(400);
    assertThat(noTenant.body()).contains("tenant_context_missing");
    assertThat(t.send("GET", "/memos", null, "X-Tenant-Id", "acme").body()).contains("\"total\":0");
    // A removed route is a 405 whether or not a tenant is sent: nothing of the tenant is read.
    assertNotAllowed("POST", "/memos", "GET, HEAD");
    HttpResponse<String> post = t.send("POST", "/memos", "{}", "X-Tenant-Id", "acme");
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void theDocumentListsExactlyTheMountedRoutes() throws Exception {
    JsonNode paths =
        JsonCodec.tree(t.send("GET", "/openapi.json", null).body().getBytes(StandardCharsets.UTF_8))
            .get("paths");
    assertThat(paths.has("/inbox/{id}")).isFalse();
    assertThat(paths.has("/items")).isFalse();
    assertThat(paths.get("/catalog/{id}").has("patch")).isFalse();
    JsonNode put = paths.get("/full/{id}").get("put");
    assertThat(put.get("operationId").asText()).isEqualTo("replace_gadgets");
    assertThat(put.at("/requestBody/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/GadgetReplace");
    assertThat(put.at("/responses/412").isMissingNode()).isFalse();
    assertThat(put.at("/responses/200/headers/ETag").isMissingNode()).isFalse();
    JsonNode replace =
        JsonCodec.tree(t.send("GET", "/openapi.json", null).body().getBytes(StandardCharsets.UTF_8))
            .at("/components/schemas/GadgetReplace");
    assertThat(replace.get("required"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "code", "count", "price", "active", "released", "seen_at", "color", "specs");
    assertThat(replace.get("additionalProperties").asBoolean()).isFalse();

    DocumentedRoutes.assertMatch(t.app, UNDOCUMENTED, "X-Tenant-Id", "acme");
  }

  @Test
  void theChoiceIsCheckedWhenTheResourceIsBuilt() {
    assertThatThrownBy(() -> SqlResource.of(Gadget.class).operations().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one operation");
    assertThatThrownBy(() -> SqlResource.of(Gadget.class).operations(Operation.GET, null))
        .isInstanceOf(NullPointerException.class);
    // The last call wins: readOnly() after operations(..) narrows, and the reverse widens.
    assertThat(
            SqlResource.of(Gadget.class)
                .operations(Operation.values())
                .readOnly()
                .build()
                .operations)
        .containsExactly(Operation.LIST, Operation.GET);
    assertThat(SqlResource.of(Gadget.class).build().operations)
        .containsExactly(
            Operation.LIST, Operation.GET, Operation.CREATE, Operation.UPDATE, Operation.DELETE);
  }
}
