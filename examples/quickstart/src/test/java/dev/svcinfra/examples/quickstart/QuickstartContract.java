package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP contract of DESIGN.md, exercised against the running quickstart. One subclass per
 * database starts the service over a fresh database of its kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuickstartContract {
  RunningQuickstart service;
  Http http;

  /** A URL of a fresh, empty database. */
  abstract String newDatabaseUrl();

  @BeforeAll
  void start() {
    service = new RunningQuickstart(newDatabaseUrl());
    http = service.http;
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @AfterEach
  void everyConnectionIsBack() throws InterruptedException {
    // A request's transaction ends before its response is sent; give the pool a moment to see it.
    for (int i = 0; i < 50 && service.db.activeConnections() > 0; i++) {
      Thread.sleep(20);
    }
    assertThat(service.db.activeConnections()).isZero();
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  Reply createUser(String email, String name) {
    Reply r = http.post("/users", "{\"email\":\"" + email + "\",\"name\":\"" + name + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  static void assertProblem(Reply r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("code").asText()).isEqualTo(code);
    assertThat(p.has("type") && p.has("title") && p.has("detail") && p.has("instance")).isTrue();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("dev.svcinfra").doesNotContain("org.eclipse");
  }

  static List<String> fieldErrors(Reply r) {
    List<String> out = new ArrayList<>();
    r.json().path("errors").forEach(e -> out.add(e.path("field").asText() + ":"
        + e.path("code").asText()));
    return out;
  }

  // ---- users: CRUD and soft delete -------------------------------------------------------------

  @Test
  void userLifecycleWithSoftDelete() {
    String email = unique("life") + "@example.com";
    Reply created = createUser(email, "Life");
    JsonNode user = created.json();
    String id = user.path("id").asText();
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(created.header("Location")).isEqualTo("/users/" + id);
    assertThat(Instant.parse(user.path("created_at").asText())).isNotNull();
    assertThat(user.path("deleted_at").isNull()).isTrue();

    Reply got = http.get("/users/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(user);

    Reply patched = http.patch("/users/" + id, "{\"name\":\"Renamed\"}");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().path("name").asText()).isEqualTo("Renamed");
    assertThat(patched.json().path("email").asText()).isEqualTo(email);
    assertThat(Instant.parse(patched.json().path("updated_at").asText()))
        .isAfterOrEqualTo(Instant.parse(user.path("updated_at").asText()));

    assertThat(http.delete("/users/" + id).status()).isEqualTo(204);
    assertProblem(http.get("/users/" + id), 404, "not_found");
    assertProblem(http.patch("/users/" + id, "{\"name\":\"x\"}"), 404, "not_found");
    assertProblem(http.delete("/users/" + id), 404, "not_found");
    assertThat(http.get("/users?q=" + email).json().path("total").asLong()).isZero();

    // Soft delete: the row is still stored, stamped with deleted_at.
    List<Object> stamp = service.db.inTransaction(tx -> tx.query(
        "SELECT deleted_at FROM users WHERE email = ?", rs -> rs.getObject(1), email));
    assertThat(stamp).hasSize(1);
    assertThat(stamp.get(0)).isNotNull();
  }

  @Test
  void listEnvelopeAndTrailingSlash() {
    String tag = unique("env");
    createUser(tag + "a@example.com", tag);
    Reply list = http.get("/users/?q=" + tag);
    assertThat(list.status()).isEqualTo(200);
    JsonNode page = list.json();
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("limit").asInt()).isEqualTo(50);
    assertThat(page.path("offset").asLong()).isZero();
    assertThat(page.path("items")).hasSize(1);
  }

  @Test
  void listParametersAtTheirBounds() {
    String tag = unique("bnd");
    createUser(tag + "1@example.com", tag);
    createUser(tag + "2@example.com", tag);
    assertProblem(http.get("/users?limit=0"), 422, "validation");
    assertThat(fieldErrors(http.get("/users?limit=0"))).containsExactly("limit:invalid_value");
    Reply one = http.get("/users?limit=1&q=" + tag);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("items")).hasSize(1);
    assertThat(one.json().path("total").asLong()).isEqualTo(2);
    assertThat(http.get("/users?limit=1000").status()).isEqualTo(200);
    assertThat(fieldErrors(http.get("/users?limit=1001"))).containsExactly("limit:invalid_value");
    assertThat(fieldErrors(http.get("/users?offset=-1"))).containsExactly("offset:invalid_value");
    assertThat(fieldErrors(http.get("/users?limit=ten"))).containsExactly("limit:invalid_type");
    assertThat(fieldErrors(http.get("/users?limit=0&offset=-1")))
        .containsExactly("limit:invalid_value", "offset:invalid_value");
    Reply skipped = http.get("/users?limit=5&offset=1&q=" + tag);
    assertThat(skipped.json().path("items")).hasSize(1);
    assertThat(skipped.json().path("offset").asLong()).isEqualTo(1);
  }

  @Test
  void searchTreatsPercentAndUnderscoreLiterally() {
    String tag = unique("pct");
    createUser(tag + "1@example.com", tag + " 100% cotton");
    createUser(tag + "2@example.com", tag + " 1000 cotton");
    createUser(tag + "3@example.com", tag + " a_b");
    createUser(tag + "4@example.com", tag + " axb");
    assertThat(names(http.get("/users?fields=name&q=" + "0%25"))).containsExactly(tag + " 100% cotton");
    assertThat(names(http.get("/users?fields=name&q=" + "a_b"))).containsExactly(tag + " a_b");
    assertThat(names(http.get("/users?q=" + tag.toUpperCase() + "+100%25"))).hasSize(1);
  }

  private static List<String> names(Reply r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("items").forEach(i -> out.add(i.path("name").asText()));
    return out;
  }

  @Test
  void orderingAndSearchFieldsAreAllowlisted() {
    String tag = unique("ord");
    createUser(tag + "b@example.com", tag + " B");
    createUser(tag + "a@example.com", tag + " A");
    createUser(tag + "c@example.com", tag + " C");
    assertThat(names(http.get("/users?order_by=name&q=" + tag)))
        .containsExactly(tag + " A", tag + " B", tag + " C");
    assertThat(names(http.get("/users?order_by=-name&q=" + tag)))
        .containsExactly(tag + " C", tag + " B", tag + " A");
    // Default order: newest first.
    assertThat(names(http.get("/users?q=" + tag)))
        .containsExactly(tag + " C", tag + " A", tag + " B");
    assertProblem(http.get("/users?order_by=deleted_at"), 422, "validation");
    assertThat(fieldErrors(http.get("/users?order_by=deleted_at")))
        .containsExactly("order_by:not_allowed");
    assertThat(fieldErrors(http.get("/users?q=x&fields=id"))).containsExactly("fields:not_allowed");
    assertThat(names(http.get("/users?fields=email&q=" + tag + "b@"))).containsExactly(tag + " B");
  }

  // ---- users: body validation ------------------------------------------------------------------

  @Test
  void invalidBodiesAre422WithEveryFieldAndWriteNothing() {
    long before = http.get("/users?limit=1").json().path("total").asLong();
    Reply unknown = http.post("/users", "{\"email\":\"" + unique("u") + "@x.io\",\"role\":\"admin\"}");
    assertProblem(unknown, 422, "validation");
    assertThat(fieldErrors(unknown)).containsExactly("role:unknown_field");

    assertThat(fieldErrors(http.post("/users", "{\"email\":null}"))).containsExactly("email:required");
    assertThat(fieldErrors(http.post("/users", "{\"name\":\"n\"}"))).containsExactly("email:required");
    assertThat(fieldErrors(http.post("/users", "{\"email\":5}"))).containsExactly("email:invalid_type");
    assertThat(fieldErrors(http.post("/users", "{\"email\":true,\"name\":[1]}")))
        .containsExactly("email:invalid_type", "name:invalid_type");
    assertThat(fieldErrors(http.post("/users", "{\"email\":\"a@x.io\",\"id\":\""
        + UUID.randomUUID() + "\",\"created_at\":\"2020-01-01T00:00:00Z\"}")))
        .containsExactly("id:unknown_field", "created_at:unknown_field");
    assertThat(fieldErrors(http.post("/users", "{\"email\":\"" + "x".repeat(321) + "\"}")))
        .containsExactly("email:invalid_value");

    String id = createUser(unique("p") + "@example.com", "P").json().path("id").asText();
    assertThat(fieldErrors(http.patch("/users/" + id, "{\"email\":null}"))).containsExactly("email:required");
    assertThat(fieldErrors(http.patch("/users/" + id, "{\"name\":7}"))).containsExactly("name:invalid_type");
    assertThat(http.get("/users/" + id).json().path("name").asText()).isEqualTo("P");
    assertThat(http.get("/users?limit=1").json().path("total").asLong()).isEqualTo(before + 1);
  }

  @Test
  void malformedJsonIsAProblem() {
    assertProblem(http.post("/users", "{\"email\": "), 422, "malformed_json");
    assertProblem(http.post("/users", ""), 422, "malformed_json");
    assertProblem(http.post("/users", "[1,2]"), 422, "malformed_json");
    assertProblem(http.post("/users", "{\"email\":\"a@x.io\"} trailing"), 422, "malformed_json");
    assertProblem(http.post("/users", "{\"email\":\"a@x.io\",\"email\":\"b@x.io\"}"), 422,
        "malformed_json");
    assertProblem(http.post("/transfer", "{oops"), 422, "malformed_json");
  }

  @Test
  void bodiesOverOneMebibyteAre413() {
    String big = "{\"email\":\"big@example.com\",\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
    assertProblem(http.post("/users", big), 413, "body_too_large");
    assertProblem(http.post("/transfer", big), 413, "body_too_large");
    assertThat(http.get("/users?q=big@example.com").json().path("total").asLong()).isZero();
  }

  @Test
  void duplicateEmailIs409() {
    String email = unique("dup") + "@example.com";
    createUser(email, "One");
    Reply same = http.post("/users", "{\"email\":\"" + email + "\"}");
    assertProblem(same, 409, "conflict");
    Reply upper = http.post("/users", "{\"email\":\"" + email.toUpperCase() + "\"}");
    assertProblem(upper, 409, "conflict");
    String other = createUser(unique("dup2") + "@example.com", "Two").json().path("id").asText();
    assertProblem(http.patch("/users/" + other, "{\"email\":\"" + email + "\"}"), 409, "conflict");
    assertThat(http.get("/users?fields=email&q=" + email).json().path("total").asLong()).isEqualTo(1);
  }

  @Test
  void duplicateEmailOfASoftDeletedUserIsStillAConflictInTheDatabase() {
    String email = unique("gone") + "@example.com";
    String id = createUser(email, "Gone").json().path("id").asText();
    assertThat(http.delete("/users/" + id).status()).isEqualTo(204);
    // The unique constraint still holds the deleted row's email: the database answers, by
    // SQLState or vendor code, and the service turns it into a 409 on every dialect.
    assertProblem(http.post("/users", "{\"email\":\"" + email + "\"}"), 409, "conflict");
  }

  @Test
  void unparsableAndUnknownIdsAre404() {
    assertProblem(http.get("/users/not-a-uuid"), 404, "not_found");
    assertProblem(http.get("/users/" + UUID.randomUUID()), 404, "not_found");
    assertProblem(http.get("/accounts/abc"), 404, "not_found");
    assertProblem(http.get("/accounts/1.5"), 404, "not_found");
    assertProblem(http.get("/accounts/99999999999999999999"), 404, "not_found");
    assertProblem(http.patch("/accounts/abc", "{\"owner\":\"x\"}"), 404, "not_found");
    assertProblem(http.delete("/accounts/abc"), 404, "not_found");
    assertProblem(http.get("/notes/abc", "X-Tenant-Id", "t"), 404, "not_found");
  }

  @Test
  void javalinErrorsAreProblemsToo() {
    assertProblem(http.get("/no/such/route"), 404, "route_not_found");
    assertProblem(http.send("PUT", "/users", "{}"), 405, "method_not_allowed");
  }

  // ---- notes: tenants ----------------------------------------------------------------------

  @Test
  void notesAreIsolatedByTenant() {
    String a = unique("ta");
    String b = unique("tb");
    Reply created = http.post("/notes", "{\"title\":\"secret\",\"body\":\"of a\"}", "X-Tenant-Id", a);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode note = created.json();
    assertThat(note.path("tenant_id").asText()).isEqualTo(a);
    assertThat(note.path("id").canConvertToLong()).isTrue();
    String path = "/notes/" + note.path("id").asLong();

    assertThat(http.get(path, "X-Tenant-Id", a).status()).isEqualTo(200);
    assertProblem(http.get(path, "X-Tenant-Id", b), 404, "not_found");
    assertProblem(http.patch(path, "{\"title\":\"stolen\"}", "X-Tenant-Id", b), 404, "not_found");
    assertProblem(http.delete(path, "X-Tenant-Id", b), 404, "not_found");
    assertThat(http.get("/notes", "X-Tenant-Id", b).json().path("total").asLong()).isZero();
    assertThat(http.get("/notes", "X-Tenant-Id", a).json().path("total").asLong()).isEqualTo(1);
    assertThat(http.get(path, "X-Tenant-Id", a).json().path("title").asText()).isEqualTo("secret");
  }

  @Test
  void tenantValuesInBodiesCannotSpoofAnotherTenant() {
    String a = unique("sa");
    String b = unique("sb");
    Reply spoofed = http.post("/notes", "{\"title\":\"t\",\"tenant_id\":\"" + b + "\"}",
        "X-Tenant-Id", a);
    assertProblem(spoofed, 422, "validation");
    assertThat(fieldErrors(spoofed)).containsExactly("tenant_id:not_allowed");
    assertThat(http.get("/notes", "X-Tenant-Id", b).json().path("total").asLong()).isZero();
    assertThat(http.get("/notes", "X-Tenant-Id", a).json().path("total").asLong()).isZero();

    Reply own = http.post("/notes", "{\"title\":\"t\",\"tenant_id\":\"" + a + "\"}", "X-Tenant-Id", a);
    assertThat(own.status()).isEqualTo(201);
    String path = "/notes/" + own.json().path("id").asLong();
    Reply move = http.patch(path, "{\"tenant_id\":\"" + b + "\"}", "X-Tenant-Id", a);
    assertProblem(move, 422, "validation");
    Reply keep = http.patch(path, "{\"tenant_id\":\"" + a + "\",\"title\":\"u\"}", "X-Tenant-Id", a);
    assertThat(keep.status()).as(keep.toString()).isEqualTo(200);
    assertThat(keep.json().path("tenant_id").asText()).isEqualTo(a);
    assertThat(http.get("/notes", "X-Tenant-Id", b).json().path("total").asLong()).isZero();
  }

  @Test
  void missingOrBlankTenantIs400() {
    assertProblem(http.get("/notes"), 400, "tenant_context_missing");
    assertProblem(http.get("/notes", "X-Tenant-Id", "   "), 400, "tenant_context_missing");
    assertProblem(http.post("/notes", "{\"title\":\"t\"}"), 400, "tenant_context_missing");
    assertProblem(http.get("/notes/1"), 400, "tenant_context_missing");
  }

  @Test
  void noteTitleIsRequired() {
    String t = unique("req");
    assertThat(fieldErrors(http.post("/notes", "{\"body\":\"b\"}", "X-Tenant-Id", t)))
        .containsExactly("title:required");
    assertThat(fieldErrors(http.post("/notes", "{\"title\":null}", "X-Tenant-Id", t)))
        .containsExactly("title:required");
  }

  // ---- accounts and transfers ----------------------------------------------------------------

  long account(String owner, String balance) {
    Reply r = http.post("/accounts", "{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asLong();
  }

  BigDecimal balance(long id) {
    return http.get("/accounts/" + id).json().path("balance").decimalValue();
  }

  @Test
  void transferMovesMoney() {
    long from = account("alice", "100.50");
    long to = account("bob", "0");
    assertThat(balance(from)).isEqualByComparingTo("100.50");
    Reply ok = http.post("/transfer", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":40.25}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().path("status").asText()).isEqualTo("ok");
    assertThat(balance(from)).isEqualByComparingTo("60.25");
    assertThat(balance(to)).isEqualByComparingTo("40.25");
  }

  @Test
  void overdraftRollsBackBothUpdates() {
    long from = account("carol", "10");
    long to = account("dave", "5");
    Reply over = http.post("/transfer", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":10.01}");
    assertProblem(over, 422, "validation");
    // The credit to 'to' ran first and was rolled back with the failed debit.
    assertThat(balance(from)).isEqualByComparingTo("10");
    assertThat(balance(to)).isEqualByComparingTo("5");

    assertProblem(http.post("/transfer", "{\"from\":999999,\"to\":" + to + ",\"amount\":1}"),
        404, "not_found");
    assertThat(balance(to)).isEqualByComparingTo("5");
  }

  @Test
  void transferBodiesAreStrict() {
    long from = account("erin", "10");
    long to = account("frank", "0");
    String pair = "\"from\":" + from + ",\"to\":" + to;
    assertThat(fieldErrors(http.post("/transfer", "{" + pair + ",\"amount\":\"5\"}")))
        .containsExactly("amount:invalid_type");
    assertThat(fieldErrors(http.post("/transfer", "{" + pair + "}"))).hasSize(1);
    assertThat(fieldErrors(http.post("/transfer", "{" + pair + ",\"amount\":null}")))
        .containsExactly("amount:required");
    assertThat(fieldErrors(http.post("/transfer", "{" + pair + ",\"amount\":1,\"memo\":\"x\"}")))
        .containsExactly("memo:unknown_field");
    assertThat(fieldErrors(http.post("/transfer", "{" + pair + ",\"amount\":-1}")))
        .containsExactly("amount:invalid_value");
    assertThat(fieldErrors(http.post("/transfer", "{\"from\":\"" + from + "\",\"to\":" + to
        + ",\"amount\":1}"))).containsExactly("from:invalid_type");
    assertThat(balance(from)).isEqualByComparingTo("10");
  }

  @Test
  void balanceCheckHoldsOnCreateAndUpdate() {
    assertProblem(http.post("/accounts", "{\"owner\":\"neg\",\"balance\":-1}"), 422, "validation");
    long id = account("gina", "3");
    assertProblem(http.patch("/accounts/" + id, "{\"balance\":-0.01}"), 422, "validation");
    assertThat(balance(id)).isEqualByComparingTo("3");
    assertThat(fieldErrors(http.post("/accounts", "{\"owner\":\"x\",\"balance\":1.234}")))
        .containsExactly("balance:invalid_value");
    assertThat(fieldErrors(http.post("/accounts", "{\"owner\":\"x\",\"balance\":\"1\"}")))
        .containsExactly("balance:invalid_type");
    Reply created = http.post("/accounts", "{\"owner\":\"hank\"}");
    assertThat(created.json().path("balance").decimalValue()).isEqualByComparingTo("0");
  }

  @Test
  void keysetPagingFollowsNextCursor() {
    for (int i = 0; i < 3; i++) {
      account(unique("ks"), "1");
    }
    long total = http.get("/accounts?limit=1").json().path("total").asLong();
    List<Long> seen = new ArrayList<>();
    String cursor = "";
    for (int page = 0; page <= total; page++) {
      Reply r = http.get("/accounts?limit=2&cursor=" + cursor);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      r.json().path("items").forEach(i -> seen.add(i.path("id").asLong()));
      JsonNode next = r.json().path("next_cursor");
      if (next.isNull()) {
        break;
      }
      cursor = java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(seen).hasSize((int) total).doesNotHaveDuplicates().isSorted();
  }

  // ---- documents and health ----------------------------------------------------------------

  @Test
  void openApiDescribesEveryRoute() {
    Reply r = http.get("/openapi.json");
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
    assertThat(schemas.path("UserCreate").path("required")).extracting(JsonNode::asText)
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
  void healthRoutesAnswer() {
    Reply sql = http.get("/_sql/health");
    assertThat(sql.status()).isEqualTo(200);
    assertThat(sql.json().path("status").asText()).isEqualTo("healthy");
    assertThat(sql.json().has("latency_ms")).isTrue();
    assertThat(http.get("/_health/ready").status()).isEqualTo(200);
    assertThat(http.get("/_health/live").status()).isEqualTo(200);
    assertThat(http.get("/docs").body()).contains("swagger-ui-bundle.js");
  }
}
