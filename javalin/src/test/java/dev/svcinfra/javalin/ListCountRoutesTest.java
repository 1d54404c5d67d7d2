package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.StatementEvent;
import dev.svcinfra.sql.StatementListener;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.repo.CountMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * List totals over HTTP (issue 23): {@code ?count=} and {@code Prefer: count=} on every database,
 * the envelope's {@code total} and {@code total_kind}, {@code Preference-Applied}, the 422 for a
 * bad value, a resource's default, a filter field named {@code count}, and the OpenAPI document.
 * Which statements each mode runs and how close an estimate is are {@code ListCountTest}'s (core).
 */
class ListCountRoutesTest {
  private TestApp t;
  private Database db;

  private void start(TestDatabase kind) throws Exception {
    db = kind.open();
    TestApp.createTables(db, Memo.class, Gadget.class);
    t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(SqlResource.of(Memo.class).defaultOrder("id").build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .defaultOrder("code")
                      .filterFields("count")
                      .defaultCount(CountMode.NONE)
                      .build());
            },
            config -> {});
    for (int i = 0; i < 15; i++) {
      String tenant = i < 12 ? "a" : "b";
      assertThat(t.send("POST", "/memos", "{\"text\":\"m" + i + "\"}", "X-Tenant-Id", tenant))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(201);
    }
    for (int i = 0; i < 7; i++) {
      String body = "{\"code\":\"g" + i + "\",\"count\":" + (i % 2) + "}";
      assertThat(t.send("POST", "/gadgets", body).statusCode()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    if (t != null) {
      t.close(); // stopping the app closes the database
    }
  }

  private HttpResponse<String> memos(String query, String... headers) throws Exception {
    List<String> h = new ArrayList<>(List.of("X-Tenant-Id", "a"));
    h.addAll(List.of(headers));
    return t.send("GET", "/memos?" + query, null, h.toArray(String[]::new));
  }

  private static JsonNode json(HttpResponse<String> r) {
    return JsonCodec.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code total kind items} of a 200, or the status and each {@code field:code} of a 422. */
  private static String answer(HttpResponse<String> r) {
    JsonNode body = json(r);
    if (r.statusCode() != 200) {
      List<String> parts = new ArrayList<>(List.of(String.valueOf(r.statusCode())));
      body.path("errors")
          .forEach(e -> parts.add(e.path("field").asText() + ":" + e.path("code").asText()));
      return String.join(" ", parts);
    }
    return body.path("total").toString()
        + " "
        + body.path("total_kind").asText()
        + " items="
        + body.path("items").size();
  }

  private static boolean hasEstimate(TestDatabase kind) {
    return kind != TestDatabase.SQLITE;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void eachModeByParameterAndByPreferHeader(TestDatabase kind) throws Exception {
    start(kind);
    // Tenant a holds 12 of the 15 memos.
    assertThat(answer(memos("limit=5&count=exact"))).isEqualTo("12 exact items=5");
    assertThat(answer(memos("limit=5&count=none"))).isEqualTo("null none items=5");
    HttpResponse<String> planned = memos("limit=5&count=planned");
    JsonNode body = json(planned);
    if (hasEstimate(kind)) {
      assertThat(body.path("total_kind").asText()).isEqualTo("planned");
      assertThat(body.path("total").isIntegralNumber()).isTrue();
      assertThat(body.path("total").asLong()).isGreaterThanOrEqualTo(5);
    } else {
      // No estimate here: a bounded count, exact below the bound.
      assertThat(answer(planned)).isEqualTo("12 exact items=5");
    }
    // The library default is planned; a page that shows its total needs no count at all.
    assertThat(json(memos("limit=5")).path("total_kind").asText())
        .isEqualTo(hasEstimate(kind) ? "planned" : "exact");
    assertThat(answer(memos("limit=50"))).isEqualTo("12 exact items=12");
    assertThat(planned.headers().firstValue("Preference-Applied")).isEmpty();

    HttpResponse<String> preferred = memos("limit=5", "Prefer", "count=exact");
    assertThat(answer(preferred)).isEqualTo("12 exact items=5");
    assertThat(preferred.headers().firstValue("Preference-Applied")).contains("count=exact");
    HttpResponse<String> among = memos("limit=5", "Prefer", "return=minimal, COUNT=\"none\"; x=1");
    assertThat(answer(among)).isEqualTo("null none items=5");
    assertThat(among.headers().firstValue("Preference-Applied")).contains("count=none");
    // Both, agreeing.
    assertThat(answer(memos("limit=5&count=exact", "Prefer", "count=exact")))
        .isEqualTo("12 exact items=5");
    // Keyset slices count as asked too.
    assertThat(answer(memos("cursor=&limit=5&count=exact"))).isEqualTo("12 exact items=5");
    assertThat(answer(memos("cursor=&limit=5&count=none"))).isEqualTo("null none items=5");
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void noneRunsNoCountStatementOverHttp(TestDatabase kind) throws Exception {
    start(kind);
    List<String> seen = new CopyOnWriteArrayList<>();
    StatementListener l = (StatementEvent e) -> seen.add(e.sql().toLowerCase(Locale.ROOT));
    db.addStatementListener(l);
    assertThat(answer(memos("limit=5&count=none"))).isEqualTo("null none items=5");
    db.removeStatementListener(l);
    assertThat(seen).isNotEmpty().noneMatch(s -> s.contains("count(") || s.startsWith("explain"));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void badCountValuesAre422NamingTheParameter(TestDatabase kind) throws Exception {
    start(kind);
    assertThat(answer(memos("count=EXACT"))).isEqualTo("422 count:invalid_value");
    assertThat(answer(memos("count=estimated"))).isEqualTo("422 count:invalid_value");
    assertThat(answer(memos("count="))).isEqualTo("422 count:invalid_value");
    assertThat(answer(memos("count=%EF%BD%85xact"))).isEqualTo("422 count:invalid_value");
    assertThat(answer(memos("count=exact&count=none"))).isEqualTo("422 count:not_allowed");
    // Malformed percent-encoding (no client library sends it): a bad value, not "not sent".
    RawHttp raw =
        RawHttp.send(
            t.app.port(),
            "GET /memos?count=%ZZ&limit=1 HTTP/1.1\r\nHost: x\r\nX-Tenant-Id: a\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(raw.status()).isEqualTo(422);
    assertThat(raw.body()).contains("\"field\":\"count\"").contains("malformed percent-encoding");
    assertThat(answer(memos("limit=0&count=nope")))
        .isEqualTo("422 limit:invalid_value count:invalid_value");
    assertThat(answer(memos("", "Prefer", "count=sometimes")))
        .isEqualTo("422 Prefer:invalid_value");
    HttpResponse<String> huge = memos("", "Prefer", "count=" + "x".repeat(5000));
    assertThat(answer(huge)).isEqualTo("422 Prefer:invalid_value");
    assertThat(huge.body()).doesNotContain("x".repeat(100));
    assertThat(answer(memos("count=exact", "Prefer", "count=none")))
        .isEqualTo("422 count:not_allowed");
    // Other preferences alone are no count preference.
    assertThat(
            memos("limit=50", "Prefer", "return=minimal")
                .headers()
                .firstValue("Preference-Applied"))
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aResourceDefaultAndAFilterFieldNamedCount(TestDatabase kind) throws Exception {
    start(kind);
    // Gadgets count nothing by default, and filter on their field count with ?count=.
    assertThat(answer(t.send("GET", "/gadgets?limit=2", null))).isEqualTo("null none items=2");
    assertThat(answer(t.send("GET", "/gadgets?count=1&limit=2", null, "Prefer", "count=exact")))
        .isEqualTo("3 exact items=2");
    assertThat(answer(t.send("GET", "/gadgets?count=0&limit=2", null, "Prefer", "count=exact")))
        .isEqualTo("4 exact items=2");
    assertThat(answer(t.send("GET", "/gadgets?count=exact", null)))
        .isEqualTo("422 count:invalid_type");
  }

  /** The document does not depend on the database: one is enough. */
  @Test
  void openApiDocumentsTheModeAndTheEnvelope() throws Exception {
    start(TestDatabase.SQLITE);
    JsonNode doc = JsonCodec.MAPPER.readTree(t.send("GET", "/openapi.json", null).body());
    JsonNode count = null;
    JsonNode prefer = null;
    for (JsonNode p : doc.at("/paths/~1memos/get/parameters")) {
      if (p.path("name").asText().equals("count")) {
        count = p;
      }
      if (p.path("name").asText().equals("Prefer")) {
        prefer = p;
      }
    }
    assertThat(count).isNotNull();
    assertThat(count.path("in").asText()).isEqualTo("query");
    assertThat(count.at("/schema/enum").toString()).isEqualTo("[\"exact\",\"planned\",\"none\"]");
    assertThat(count.at("/schema/default").asText()).isEqualTo("planned");
    assertThat(prefer).isNotNull();
    assertThat(prefer.path("in").asText()).isEqualTo("header");
    assertThat(doc.at("/paths/~1memos/get/responses/200/headers/Preference-Applied").isObject())
        .isTrue();
    JsonNode page = doc.at("/components/schemas/MemoPage/properties");
    assertThat(page.at("/total/type").toString()).isEqualTo("[\"integer\",\"null\"]");
    assertThat(page.at("/total_kind/enum").toString())
        .isEqualTo("[\"exact\",\"planned\",\"none\"]");
    // Gadgets filter on count: their count parameter is the integer filter, the mode default none.
    for (JsonNode p : doc.at("/paths/~1gadgets/get/parameters")) {
      if (p.path("name").asText().equals("count")) {
        assertThat(p.at("/schema/type").asText()).isEqualTo("integer");
      }
      if (p.path("name").asText().equals("Prefer")) {
        assertThat(p.path("description").asText()).contains("count=exact|planned|none");
      }
    }
  }
}
