package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.Database;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 over HTTP: filter parameters ({@code field}, {@code field[op]}) on allowlisted fields,
 * 422 naming each bad parameter, 422 listing the accepted parameters for one a route does not take
 * (on every generated route, with nothing changed), the opt-out, and the OpenAPI parameters. Which
 * rows each operator selects on each database is {@code FieldFilterTest}'s (core).
 */
class FilterParametersTest {
  @TempDir Path dir;

  private TestApp t;

  private void start(UnaryOperator<SqlResource.Builder<Gadget>> settings) throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("filters.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class);
    t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(
                  settings
                      .apply(
                          SqlResource.of(Gadget.class)
                              .defaultOrder("code")
                              .filterFields("code", "count", "price", "active", "seen_at", "color"))
                      .build());
            },
            config -> {});
    String[] rows = {
      "{\"code\":\"a\",\"count\":1,\"price\":1.5,\"seen_at\":\"2026-01-01T00:00:00Z\",\"color\":\"RED\"}",
      "{\"code\":\"b\",\"count\":2,\"price\":10,\"seen_at\":\"2026-01-02T00:00:00Z\",\"color\":\"GREEN\"}",
      "{\"code\":\"C%_\",\"count\":3,\"active\":true}"
    };
    for (String row : rows) {
      assertThat(t.send("POST", "/gadgets", row).statusCode()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  /** The codes listed by {@code GET /gadgets?query}, or the status and each error. */
  private String list(String query) throws Exception {
    HttpResponse<String> r = t.send("GET", "/gadgets?" + query, null);
    JsonNode body = JsonCodec.tree(r.body().getBytes(StandardCharsets.UTF_8));
    if (r.statusCode() == 200) {
      List<String> codes = new ArrayList<>();
      body.path("items").forEach(i -> codes.add(i.path("code").asText()));
      return codes + " total=" + body.path("total").asLong();
    }
    return problem(r, body);
  }

  private static String problem(HttpResponse<String> r, JsonNode body) {
    List<String> parts =
        new ArrayList<>(List.of(r.statusCode() + " " + body.path("code").asText()));
    for (JsonNode e : body.path("errors")) {
      parts.add("[" + e.path("field").asText() + " " + e.path("code").asText() + "]");
    }
    return String.join(" ", parts);
  }

  @Test
  void filtersSelectRowsAndCombineWithPagingAndSearch() throws Exception {
    start(b -> b);
    assertThat(list("count[gte]=2&count[lt]=3")).isEqualTo("[b] total=1");
    assertThat(list("count%5Bgte%5D=2")).isEqualTo("[C%_, b] total=2");
    assertThat(list("code[in]=a,C%25_,zz")).isEqualTo("[C%_, a] total=2");
    assertThat(list("code[prefix]=c%25")).isEqualTo("[C%_] total=1");
    assertThat(list("code[prefix]=c_")).isEqualTo("[] total=0");
    assertThat(list("code=A")).isEqualTo("[] total=0");
    assertThat(list("active[is]=null")).isEqualTo("[a, b] total=2");
    assertThat(list("active[is]=not_null&active=true")).isEqualTo("[C%_] total=1");
    assertThat(list("price[gt]=1.5")).isEqualTo("[b] total=1");
    assertThat(list("seen_at[lte]=2026-01-01T01:00:00%2B01:00")).isEqualTo("[a] total=1");
    assertThat(list("color[ne]=RED")).isEqualTo("[b] total=1");
    assertThat(list("count[gte]=1&limit=1&offset=1&order_by=-count")).isEqualTo("[b] total=3");
    assertThat(list("count[gte]=2&q=b&fields=code")).isEqualTo("[b] total=1");
    // Keyset slices count with the filters too.
    assertThat(list("count[gte]=2&cursor=&limit=1")).isEqualTo("[C%_] total=2");
  }

  @Test
  void badFilterValuesAre422NamingEachParameter() throws Exception {
    start(b -> b);
    assertThat(
            list(
                "count=two&price[gte]=1.0005&seen_at[lt]=yesterday&color=PURPLE&active[gt]=true"
                    + "&code[prefix]=&count[in]=1,,2"))
        .isEqualTo(
            "422 validation [count invalid_type] [price[gte] invalid_value]"
                + " [seen_at[lt] invalid_type] [color invalid_type] [active[gt] not_allowed]"
                + " [code[prefix] invalid_value] [count[in] invalid_type]");
    assertThat(list("code[is]=maybe&code[like]=a&code=a&code=b"))
        .isEqualTo(
            "422 validation [code[is] invalid_value] [code[like] invalid_value]"
                + " [code not_allowed]");
    // A field of the model that is not a filter field: named, whatever the parameter looks like.
    assertThat(list("released=2026-01-01&specs[is]=null"))
        .isEqualTo("422 validation [released not_allowed] [specs[is] not_allowed]");
  }

  @Test
  void unknownParametersAre422ListingWhatTheListRouteAccepts() throws Exception {
    start(b -> b);
    HttpResponse<String> r = t.send("GET", "/gadgets?limit=2&title=A&count[gte=1&[gte]=1", null);
    JsonNode body = JsonCodec.tree(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(problem(r, body))
        .isEqualTo(
            "422 validation [title unknown_field] [count[gte unknown_field]"
                + " [[gte] unknown_field]");
    assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
    assertThat(body.path("errors").get(0).path("message").asText())
        .startsWith("is not a query parameter of this route; it accepts: limit, offset, order_by,")
        .contains(" code, code[eq], code[ne], code[gt], code[gte], code[lt], code[lte],")
        .contains(" code[in], code[is], code[prefix], count, count[eq], ")
        .contains(" active, active[eq], active[ne], active[in], active[is], seen_at,")
        .doesNotContain("active[gt]")
        .doesNotContain("count[prefix]");
  }

  @Test
  void everyOtherRouteRefusesQueryParametersBeforeTouchingData() throws Exception {
    start(b -> b);
    JsonNode a = JsonCodec.tree(t.send("GET", "/gadgets?code=a", null).body().getBytes());
    String id = a.path("items").get(0).path("id").asText();
    Map<String, String> requests =
        Map.of(
            "GET", "/gadgets/" + id + "?x=1",
            "POST", "/gadgets?x=1",
            "PATCH", "/gadgets/" + id + "?count=5",
            "DELETE", "/gadgets/" + id + "?force=true");
    for (Map.Entry<String, String> e : requests.entrySet()) {
      String body = e.getKey().equals("POST") ? "{\"code\":\"d\"}" : "{\"count\":9}";
      HttpResponse<String> r =
          t.send(e.getKey(), e.getValue(), e.getKey().startsWith("P") ? body : null);
      assertThat(r.statusCode()).as("%s", e).isEqualTo(422);
      assertThat(r.body()).as("%s", e).contains("unknown_field").contains("this route takes none");
    }
    assertThat(list("")).isEqualTo("[C%_, a, b] total=3");
    assertThat(list("code=a")).startsWith("[a]");
    assertThat(t.send("GET", "/gadgets/" + id, null).body()).contains("\"count\":1");
  }

  @Test
  void malformedQueryStringsAreAnsweredWithoutAServerError() throws Exception {
    start(b -> b);
    JsonNode a = JsonCodec.tree(t.send("GET", "/gadgets?code=a", null).body().getBytes());
    String id = a.path("items").get(0).path("id").asText();
    for (String path :
        List.of(
            "/gadgets?code=%ZZ",
            "/gadgets?%ZZ=1",
            "/gadgets?code=%C3",
            "/gadgets/" + id + "?%ZZ",
            "/gadgets?code[in]=" + ",".repeat(500),
            "/gadgets?count=" + "9".repeat(400),
            "/gadgets?&&=&code")) {
      RawHttp r =
          RawHttp.send(
              t.app.port(),
              "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(r.head()).as(path).matches("(?s)HTTP/1.1 [24]\\d\\d .*");
      if (path.endsWith("code=%ZZ")) {
        // The value is lost in decoding: a 422 naming the parameter, never an unfiltered list.
        assertThat(r.head()).startsWith("HTTP/1.1 422 ");
        assertThat(r.body()).contains("\"field\":\"code\"").contains("invalid_value");
      }
    }
  }

  @Test
  void theOptOutIgnoresUnknownParametersButNotFiltersOnOtherFields() throws Exception {
    start(SqlResource.Builder::allowUnknownQueryParameters);
    assertThat(list("title=A&_=123&count=1")).isEqualTo("[a] total=1");
    assertThat(list("released=2026-01-01")).isEqualTo("422 validation [released not_allowed]");
    JsonNode a = JsonCodec.tree(t.send("GET", "/gadgets?code=a", null).body().getBytes());
    String id = a.path("items").get(0).path("id").asText();
    assertThat(t.send("GET", "/gadgets/" + id + "?_=123", null).statusCode()).isEqualTo(200);
    assertThat(t.send("DELETE", "/gadgets/" + id + "?_=123", null).statusCode()).isEqualTo(204);
  }

  @Test
  void openApiListsEachFilterParameterWithItsType() throws Exception {
    start(b -> b);
    JsonNode doc = JsonCodec.MAPPER.readTree(t.send("GET", "/openapi.json", null).body());
    Map<String, JsonNode> params = new java.util.LinkedHashMap<>();
    // Query parameters only: the list also documents the Prefer header (count modes).
    doc.at("/paths/~1gadgets/get/parameters")
        .forEach(
            p -> {
              if (p.path("in").asText().equals("query")) {
                params.put(p.path("name").asText(), p);
              }
            });
    assertThat(params.get("count[gte]").at("/schema/type").asText()).isEqualTo("integer");
    assertThat(params.get("count[gte]").at("/schema/format").asText()).isEqualTo("int32");
    assertThat(params.get("seen_at[lt]").at("/schema/format").asText()).isEqualTo("date-time");
    assertThat(params.get("price").at("/schema/type").asText()).isEqualTo("number");
    assertThat(params.get("color").at("/schema/enum").toString()).isEqualTo("[\"RED\",\"GREEN\"]");
    JsonNode in = params.get("code[in]");
    assertThat(in.at("/schema/type").asText()).isEqualTo("array");
    assertThat(in.at("/schema/items/type").asText()).isEqualTo("string");
    assertThat(in.path("style").asText()).isEqualTo("form");
    assertThat(in.path("explode").asBoolean(true)).isFalse();
    assertThat(params.get("active[is]").at("/schema/enum").toString())
        .isEqualTo("[\"null\",\"not_null\"]");
    assertThat(params).containsKey("code[prefix]").doesNotContainKey("count[prefix]");
    assertThat(params).doesNotContainKeys("active[gt]", "color[lt]", "released");
    // Every parameter the route accepts is documented, and nothing else.
    HttpResponse<String> r = t.send("GET", "/gadgets?nope=1", null);
    String accepted =
        JsonCodec.tree(r.body().getBytes())
            .path("errors")
            .get(0)
            .path("message")
            .asText()
            .replaceFirst(".*it accepts: ", "");
    List<String> documented =
        params.keySet().stream().map(n -> n.replace("[eq]", "")).distinct().toList();
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(accepted.split(", "))
                .filter(n -> !n.endsWith("[eq]"))
                .toList());
    assertThat(doc.at("/paths/~1gadgets~1{id}/get/responses/422").isMissingNode()).isFalse();
    assertThat(doc.at("/paths/~1gadgets~1{id}/delete/responses/422").isMissingNode()).isFalse();
  }
}
