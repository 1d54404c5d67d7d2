package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lost updates (issue 16) over HTTP on every database: ETags on single-row answers, If-None-Match
 * (304), If-Match on PATCH and DELETE (412, 428 when required), tenant scope and soft-deleted rows,
 * and concurrent PATCHes holding the same ETag of which exactly one wins.
 */
class EntityTagsTest {
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
    TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(SqlResource.of(Gadget.class).requireIfMatch(requireIfMatch).build());
              sql.resource(SqlResource.of(Ledger.class).build());
            },
            config -> {});
    open.add(t);
    return t;
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void etagsAndConditionalRequestsOnAHashedRow(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> created =
        t.send(
            "POST",
            "/gadgets",
            "{\"code\":\"g1\",\"count\":1,\"price\":1.5,\"specs\":{\"b\":1,\"a\":[true]}}",
            "content-type",
            "application/json");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String e1 = etag(created);
    assertThat(e1).matches("\"[A-Za-z0-9_-]{22}\"");
    String path = created.headers().firstValue("Location").orElseThrow();

    HttpResponse<String> got = t.send("GET", path, null);
    assertThat(etag(got)).isEqualTo(e1);
    for (String same : List.of(e1, "W/" + e1, "\"x\", " + e1, "*")) {
      HttpResponse<String> notModified = t.send("GET", path, null, "If-None-Match", same);
      assertThat(notModified.statusCode()).as(same).isEqualTo(304);
      assertThat(notModified.body()).isEmpty();
      assertThat(etag(notModified)).isEqualTo(e1);
    }
    assertThat(t.send("GET", path, null, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

    HttpResponse<String> stale = t.send("PATCH", path, "{\"count\":2}", "If-Match", "\"stale\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(stale.body()).contains("\"code\":\"precondition_failed\"");
    HttpResponse<String> weak = t.send("PATCH", path, "{\"count\":2}", "If-Match", "W/" + e1);
    assertThat(weak.statusCode()).as("a weak tag never matches If-Match").isEqualTo(412);
    assertThat(t.send("GET", path, null).body()).contains("\"count\":1");

    HttpResponse<String> changed =
        t.send("PATCH", path, "{\"count\":2}", "If-Match", "\"zzz\", " + e1);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    String e2 = etag(changed);
    assertThat(e2).isNotEqualTo(e1).isEqualTo(etag(t.send("GET", path, null)));
    assertThat(t.send("PATCH", path, "{\"count\":3}", "If-Match", e1).statusCode())
        .as("the first ETag is stale now")
        .isEqualTo(412);
    HttpResponse<String> any = t.send("PATCH", path, "{\"count\":3}", "If-Match", "*");
    assertThat(any.statusCode()).isEqualTo(200);
    String e3 = etag(any);

    for (String bad : List.of("abc", "\"a\" \"b\"", "*, \"a\"", "\"open", "W/x", "")) {
      HttpResponse<String> invalid = t.send("PATCH", path, "{\"count\":9}", "If-Match", bad);
      assertThat(invalid.statusCode()).as("If-Match: " + bad).isEqualTo(400);
      assertThat(invalid.body()).contains("precondition_invalid");
    }
    assertThat(t.send("DELETE", path, null, "If-Match", e2).statusCode()).isEqualTo(412);
    assertThat(t.send("GET", path, null).statusCode()).isEqualTo(200);
    assertThat(t.send("DELETE", path, null, "If-Match", e3).statusCode()).isEqualTo(204);
    // Preconditions of a request that would be a 404 anyway are ignored (RFC 9110, 13.2.1).
    assertThat(t.send("PATCH", path, "{\"count\":4}", "If-Match", "*").statusCode()).isEqualTo(404);
    assertThat(t.send("GET", path, null, "If-None-Match", "*").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void versionedTenantRowsAndSoftDeletes(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> created =
        t.send("POST", "/ledgers", "{\"name\":\"cash\"}", "X-Tenant-Id", "acme");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(etag(created)).isEqualTo("\"1\"");
    String path = created.headers().firstValue("Location").orElseThrow();
    assertThat(
            t.send("PATCH", path, "{\"name\":\"x\"}", "X-Tenant-Id", "other", "If-Match", "\"1\"")
                .statusCode())
        .as("another tenant's row is not found")
        .isEqualTo(404);
    assertThat(
            t.send("GET", path, null, "X-Tenant-Id", "other", "If-None-Match", "\"1\"")
                .statusCode())
        .isEqualTo(404);

    HttpResponse<String> v2 =
        t.send("PATCH", path, "{\"name\":\"bank\",\"version\":1}", "X-Tenant-Id", "acme");
    assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
    assertThat(etag(v2)).isEqualTo("\"2\"");
    assertThat(v2.body()).contains("\"version\":2");
    HttpResponse<String> outdated =
        t.send("PATCH", path, "{\"name\":\"lost\",\"version\":1}", "X-Tenant-Id", "acme");
    assertThat(outdated.statusCode()).isEqualTo(409);
    assertThat(outdated.body()).contains("\"code\":\"conflict\"");
    assertThat(
            t.send("PATCH", path, "{\"name\":\"lost\"}", "X-Tenant-Id", "acme", "If-Match", "\"1\"")
                .statusCode())
        .isEqualTo(412);
    assertThat(t.send("PATCH", path, "{\"version\":\"two\"}", "X-Tenant-Id", "acme").statusCode())
        .isEqualTo(422);
    assertThat(
            t.send("DELETE", path, null, "X-Tenant-Id", "acme", "If-Match", "\"1\"").statusCode())
        .isEqualTo(412);
    assertThat(
            t.send("DELETE", path, null, "X-Tenant-Id", "acme", "If-Match", "\"2\"").statusCode())
        .isEqualTo(204);
    assertThat(t.send("GET", path, null, "X-Tenant-Id", "acme").statusCode()).isEqualTo(404);
    assertThat(
            t.send("PATCH", path, "{\"name\":\"x\"}", "X-Tenant-Id", "acme", "If-Match", "\"3\"")
                .statusCode())
        .as("a soft-deleted row is not found")
        .isEqualTo(404);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aResourceCanRequireIfMatch(TestDatabase kind) throws Exception {
    TestApp t = app(kind, true);
    HttpResponse<String> created = t.send("POST", "/gadgets", "{\"code\":\"g1\"}");
    String path = created.headers().firstValue("Location").orElseThrow();
    for (String method : List.of("PATCH", "DELETE")) {
      HttpResponse<String> r =
          t.send(method, path, method.equals("PATCH") ? "{\"count\":5}" : null);
      assertThat(r.statusCode()).as(method).isEqualTo(428);
      assertThat(r.body()).contains("\"code\":\"precondition_required\"");
    }
    assertThat(t.send("PATCH", path, "{\"count\":5}", "If-Match", etag(created)).statusCode())
        .isEqualTo(200);
    JsonNode doc = JsonCodec.MAPPER.readTree(t.send("GET", "/openapi.json", null).body());
    JsonNode item = doc.at("/paths/~1gadgets~1{id}");
    assertThat(item.at("/get/responses/200/headers/ETag").isObject()).isTrue();
    assertThat(item.at("/get/responses/304").isObject()).isTrue();
    assertThat(item.at("/get/parameters").toString()).contains("If-None-Match");
    assertThat(item.at("/patch/parameters").toString()).contains("If-Match");
    assertThat(item.at("/patch/responses/412").isObject()).isTrue();
    assertThat(item.at("/patch/responses/428").isObject()).isTrue();
    assertThat(item.at("/delete/responses/428").isObject()).isTrue();
    assertThat(doc.at("/paths/~1ledgers~1{id}/patch/responses/428").isMissingNode()).isTrue();
    assertThat(doc.at("/paths/~1gadgets/post/responses/201/headers/ETag").isObject()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void ofConcurrentPatchesWithTheSameEtagExactlyOneWins(TestDatabase kind) throws Exception {
    TestApp t = app(kind, false);
    HttpResponse<String> gadget = t.send("POST", "/gadgets", "{\"code\":\"race\",\"count\":0}");
    HttpResponse<String> ledger =
        t.send("POST", "/ledgers", "{\"name\":\"race\"}", "X-Tenant-Id", "acme");
    race(
        kind,
        t,
        gadget.headers().firstValue("Location").orElseThrow(),
        etag(gadget),
        i -> "{\"count\":" + (i + 1) + "}",
        "count");
    race(
        kind,
        t,
        ledger.headers().firstValue("Location").orElseThrow(),
        etag(ledger),
        i -> "{\"name\":\"w" + (i + 1) + "\"}",
        "name");
  }

  private static void race(
      TestDatabase kind,
      TestApp t,
      String path,
      String etag,
      IntFunction<String> body,
      String field)
      throws Exception {
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return t.send(
                      "PATCH", path, body.apply(n), "If-Match", etag, "X-Tenant-Id", "acme");
                }));
      }
      start.countDown();
      List<JsonNode> won = new ArrayList<>();
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
        if (r.statusCode() == 200) {
          won.add(JsonCodec.MAPPER.readTree(r.body()));
        } else if (kind == TestDatabase.POSTGRESQL || kind == TestDatabase.MARIADB) {
          // Row locks: the losers wait for the winner, then see its change.
          assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
        } else {
          // SQLite and DuckDB detect the race themselves and may refuse the write instead.
          assertThat(r.statusCode()).as(r.body()).isIn(412, 409);
          assertThat(r.body()).containsAnyOf("precondition_failed", "transaction_conflict");
        }
      }
      assertThat(won).as("exactly one PATCH wins").hasSize(1);
      HttpResponse<String> now = t.send("GET", path, null, "X-Tenant-Id", "acme");
      assertThat(JsonCodec.MAPPER.readTree(now.body()).get(field)).isEqualTo(won.get(0).get(field));
    } finally {
      pool.shutdownNow();
    }
  }
}
