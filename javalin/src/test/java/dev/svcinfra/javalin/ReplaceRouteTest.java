package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.javalin.SqlResource.Operation;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code PUT prefix/{id}} (issue 21) on every database: a full replace that sets every writable
 * field (a nullable one left out is a 422, not a silent null), the PATCH rules for fields the
 * client may not write, {@code If-Match} (412, 428 when required), the version (409), tenant scope,
 * soft-deleted and missing rows (404: PUT never creates), {@code Idempotency-Key}, and of
 * concurrent PUTs holding one ETag exactly one wins.
 */
class ReplaceRouteTest {
  private static final List<Operation> WITH_PUT =
      List.of(
          Operation.LIST,
          Operation.GET,
          Operation.CREATE,
          Operation.UPDATE,
          Operation.REPLACE,
          Operation.DELETE);

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private TestApp app(TestDatabase kind, boolean requireIfMatch) {
    Database db = kind.open(s -> s.withPool(s.pool().withSize(8)));
    TestApp.createTables(db, Gadget.class, Ledger.class);
    db.useTransaction(
        tx -> {
          for (String sql : db.dialect().createTableStatements(IdempotencyRecord.table())) {
            tx.execute(sql);
          }
        });
    Operation[] ops = WITH_PUT.toArray(Operation[]::new);
    TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .operations(ops)
                      .requireIfMatch(requireIfMatch)
                      .build());
              sql.resource(SqlResource.of(Ledger.class).operations(ops).build());
            },
            config -> {});
    open.add(t); // stopping it closes the database
    return t;
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
  }

  private static List<String> errors(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    List<String> out = new ArrayList<>();
    JsonCodec.tree(r.body().getBytes(StandardCharsets.UTF_8))
        .get("errors")
        .forEach(e -> out.add(e.get("field").asText() + ":" + e.get("code").asText()));
    return out;
  }

  private static final String FULL =
      "{\"code\":\"g2\",\"count\":2,\"price\":2.5,\"active\":false,\"released\":\"2026-02-01\","
          + "\"seen_at\":\"2026-02-01T10:00:00Z\",\"color\":\"GREEN\",\"specs\":{\"k\":[1]}}";

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void putReplacesEveryWritableField(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> created =
        t.send("POST", "/gadgets", "{\"code\":\"g1\",\"count\":1,\"price\":1.5,\"active\":true}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String path = created.headers().firstValue("Location").orElseThrow();
    String id = path.substring(path.lastIndexOf('/') + 1);

    HttpResponse<String> replaced = t.send("PUT", path, FULL, "If-Match", etag(created));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    JsonNode row = JsonCodec.tree(replaced.body().getBytes(StandardCharsets.UTF_8));
    assertThat(row.get("id").asText()).isEqualTo(id);
    assertThat(row.get("code").asText()).isEqualTo("g2");
    assertThat(row.get("count").asInt()).isEqualTo(2);
    assertThat(row.get("price").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(row.get("color").asText()).isEqualTo("GREEN");
    assertThat(etag(replaced))
        .isNotEqualTo(etag(created))
        .isEqualTo(etag(t.send("GET", path, null)));
    assertThat(t.send("GET", path, null).body()).isEqualTo(replaced.body());

    // Nullable fields are cleared only when the body says null.
    String cleared =
        "{\"code\":\"g2\",\"count\":null,\"price\":null,\"active\":null,\"released\":null,"
            + "\"seen_at\":null,\"color\":null,\"specs\":null}";
    HttpResponse<String> nulls = t.send("PUT", path, cleared);
    assertThat(nulls.statusCode()).as(nulls.body()).isEqualTo(200);
    assertThat(nulls.body()).contains("\"count\":null", "\"color\":null", "\"specs\":null");

    // A field left out is a 422 naming it, and nothing changes.
    HttpResponse<String> partial = t.send("PUT", path, "{\"code\":\"g3\",\"count\":3}");
    assertThat(errors(partial))
        .containsExactlyInAnyOrder(
            "price:required",
            "active:required",
            "released:required",
            "seen_at:required",
            "color:required",
            "specs:required");
    assertThat(t.send("GET", path, null).body()).isEqualTo(nulls.body());
    // Fields nobody writes follow PATCH: the id, unknown names; a null in a non-null field.
    assertThat(errors(t.send("PUT", path, FULL.replace("{", "{\"id\":\"" + id + "\","))))
        .containsExactly("id:unknown_field");
    assertThat(errors(t.send("PUT", path, FULL.replace("{", "{\"Code\":\"x\","))))
        .containsExactly("Code:unknown_field");
    assertThat(errors(t.send("PUT", path, FULL.replace("\"code\":\"g2\"", "\"code\":null"))))
        .containsExactly("code:required");
    assertThat(errors(t.send("PUT", path, FULL.replace("\"count\":2", "\"count\":\"2\""))))
        .containsExactly("count:invalid_type");
    assertThat(errors(t.send("PUT", path, "{}"))).hasSize(8);
    assertThat(t.send("PUT", path, "[]").body()).contains("\"code\":\"malformed_json\"");
    assertThat(errors(t.send("PUT", path + "?code=x", FULL))).containsExactly("code:unknown_field");
    assertThat(t.send("GET", path, null).body()).isEqualTo(nulls.body());

    // PUT never creates: a missing id, an unparsable one, and a unique value taken is a 409.
    assertThat(t.send("PUT", "/gadgets/3fa85f64-5717-4562-b3fc-2c963f66afa6", FULL).statusCode())
        .isEqualTo(404);
    assertThat(t.send("PUT", "/gadgets/not-a-uuid", FULL).statusCode()).isEqualTo(404);
    assertThat(t.send("GET", "/gadgets", null).body()).contains("\"total\":1");
    assertThat(t.send("POST", "/gadgets", "{\"code\":\"taken\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> taken = t.send("PUT", path, FULL.replace("\"g2\"", "\"taken\""));
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void ifMatchOnPut(TestDatabase kind) throws Exception {
    TestApp t = app(kind, true);
    HttpResponse<String> created = t.send("POST", "/gadgets", "{\"code\":\"g1\"}");
    String path = created.headers().firstValue("Location").orElseThrow();
    String e1 = etag(created);

    HttpResponse<String> unconditional = t.send("PUT", path, FULL);
    assertThat(unconditional.statusCode()).isEqualTo(428);
    assertThat(unconditional.body()).contains("\"code\":\"precondition_required\"");
    HttpResponse<String> stale = t.send("PUT", path, FULL, "If-Match", "\"stale\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.body()).contains("\"code\":\"precondition_failed\"");
    assertThat(t.send("PUT", path, FULL, "If-Match", "W/" + e1).statusCode())
        .as("a weak tag never matches If-Match")
        .isEqualTo(412);
    assertThat(t.send("PUT", path, FULL, "If-Match", "\"a\" \"b\"").statusCode()).isEqualTo(400);
    assertThat(t.send("GET", path, null).body()).contains("\"code\":\"g1\"");

    HttpResponse<String> ok = t.send("PUT", path, FULL, "If-Match", "\"x\", " + e1);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(t.send("PUT", path, FULL, "If-Match", e1).statusCode())
        .as("the first ETag is stale now")
        .isEqualTo(412);
    assertThat(t.send("PUT", path, FULL, "If-Match", "*").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void putOnVersionedTenantRowsAndSoftDeletes(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> created =
        t.send("POST", "/ledgers", "{\"name\":\"cash\"}", "X-Tenant-Id", "acme");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String path = created.headers().firstValue("Location").orElseThrow();

    assertThat(t.send("PUT", path, "{\"name\":\"x\"}").statusCode()).as("no tenant").isEqualTo(400);
    assertThat(t.send("PUT", path, "{\"name\":\"x\"}", "X-Tenant-Id", "other").statusCode())
        .as("another tenant's row is not found")
        .isEqualTo(404);
    assertThat(t.send("PUT", path, "{\"name\":\"x\"}", "X-Tenant-Id", "ACME").statusCode())
        .as("tenants compare exactly")
        .isEqualTo(404);
    // The tenant column is not the client's to move, as on PATCH.
    HttpResponse<String> moved =
        t.send("PUT", path, "{\"name\":\"x\",\"tenant\":\"other\"}", "X-Tenant-Id", "acme");
    assertThat(errors(moved)).containsExactly("tenant:not_allowed");
    assertThat(t.send("GET", path, null, "X-Tenant-Id", "acme").body()).contains("\"cash\"");
    HttpResponse<String> own =
        t.send("PUT", path, "{\"name\":\"cash\",\"tenant\":\"acme\"}", "X-Tenant-Id", "acme");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

    // The version is optional, checked when given (409 when outdated), never written.
    assertThat(etag(own)).isEqualTo("\"2\"");
    HttpResponse<String> v2 = t.send("PUT", path, "{\"name\":\"bank\"}", "X-Tenant-Id", "acme");
    assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
    assertThat(etag(v2)).isEqualTo("\"3\"");
    HttpResponse<String> v3 =
        t.send("PUT", path, "{\"name\":\"vault\",\"version\":3}", "X-Tenant-Id", "acme");
    assertThat(v3.statusCode()).as(v3.body()).isEqualTo(200);
    assertThat(v3.body()).contains("\"version\":4", "\"tenant\":\"acme\"");
    HttpResponse<String> outdated =
        t.send("PUT", path, "{\"name\":\"lost\",\"version\":1}", "X-Tenant-Id", "acme");
    assertThat(outdated.statusCode()).isEqualTo(409);
    assertThat(errors(t.send("PUT", path, "{\"version\":4}", "X-Tenant-Id", "acme")))
        .containsExactly("name:required");
    assertThat(
            t.send("PUT", path, "{\"name\":\"x\"}", "X-Tenant-Id", "acme", "If-Match", "\"2\"")
                .statusCode())
        .isEqualTo(412);

    assertThat(t.send("DELETE", path, null, "X-Tenant-Id", "acme").statusCode()).isEqualTo(204);
    assertThat(t.send("PUT", path, "{\"name\":\"back\"}", "X-Tenant-Id", "acme").statusCode())
        .as("a soft-deleted row is not replaced")
        .isEqualTo(404);
    assertThat(
            t.send("PUT", path, "{\"name\":\"back\"}", "X-Tenant-Id", "acme", "If-Match", "*")
                .statusCode())
        .isEqualTo(404);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void putWithAnIdempotencyKeyRunsOnce(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> created = t.send("POST", "/gadgets", "{\"code\":\"g1\"}");
    String path = created.headers().firstValue("Location").orElseThrow();

    HttpResponse<String> first = t.send("PUT", path, FULL, "Idempotency-Key", "put-1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> changed = t.send("PATCH", path, "{\"count\":7}");
    assertThat(changed.statusCode()).isEqualTo(200);
    HttpResponse<String> retry = t.send("PUT", path, FULL, "Idempotency-Key", "put-1");
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(etag(retry)).isEqualTo(etag(first));
    assertThat(t.send("GET", path, null).body())
        .as("the retry did not undo the later PATCH")
        .contains("\"count\":7");
    HttpResponse<String> other =
        t.send("PUT", path, FULL.replace("\"count\":2", "\"count\":3"), "Idempotency-Key", "put-1");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.body()).contains("idempotency_key_mismatch");
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void ofConcurrentPutsWithTheSameEtagExactlyOneWins(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> created = t.send("POST", "/gadgets", "{\"code\":\"race\"}");
    String path = created.headers().firstValue("Location").orElseThrow();
    String tag = etag(created);
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = FULL.replace("\"count\":2", "\"count\":" + (i + 10));
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return t.send("PUT", path, body, "If-Match", tag);
                }));
      }
      start.countDown();
      List<String> won = new ArrayList<>();
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
        if (r.statusCode() == 200) {
          won.add(r.body());
        } else if (kind == TestDatabase.POSTGRESQL || kind == TestDatabase.MARIADB) {
          assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
        } else {
          // SQLite and DuckDB may refuse the racing write themselves (see EntityTagsTest).
          assertThat(r.statusCode()).as(r.body()).isIn(412, 409);
        }
      }
      assertThat(won).as("exactly one PUT wins").hasSize(1);
      assertThat(t.send("GET", path, null).body()).isEqualTo(won.get(0));
    } finally {
      pool.shutdownNow();
    }
  }
}
