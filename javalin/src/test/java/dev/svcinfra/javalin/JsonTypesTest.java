package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON values round-trip through a resource unchanged (UUID, dates, instants, decimals, enums, JSON
 * columns) and a value of the wrong JSON type is a 422, never converted.
 */
class JsonTypesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY =
      "{\"code\":\"g-1\",\"count\":7,\"price\":12.345,"
          + "\"active\":true,\"released\":\"2026-01-31\",\"seen_at\":\"2026-01-31T12:30:00.123456Z\","
          + "\"color\":\"GREEN\",\"specs\":{\"size\":[1,2],\"label\":\"x\",\"nested\":{\"ok\":true}}}";

  @TempDir Path dir;

  @Test
  void roundTripOnSqlite() throws Exception {
    roundTrip(Database.open("sqlite:///" + dir.resolve("types.db").toAbsolutePath()));
  }

  @Test
  void roundTripOnPostgres() throws Exception {
    roundTrip(Database.open(TestServices.newPostgresDatabase()));
  }

  private void roundTrip(Database db) throws Exception {
    TestApp.createTables(db, Gadget.class);
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(
                  SqlResource.of(Gadget.class).prefix("/gadgets").idAttribute("code").build());
            },
            config -> {})) {
      HttpResponse<String> created = t.send("POST", "/gadgets", BODY);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode sent = JSON.readTree(BODY);
      JsonNode got = JSON.readTree(t.send("GET", "/gadgets/g-1", null).body());
      for (String field :
          List.of("code", "count", "active", "released", "seen_at", "color", "specs")) {
        assertThat(got.get(field)).as(field).isEqualTo(sent.get(field));
      }
      assertThat(got.get("price").decimalValue()).isEqualByComparingTo("12.345");
      assertThat(got.get("id").asText()).matches("[0-9a-f-]{36}");
      assertThat(created.headers().firstValue("Location")).contains("/gadgets/g-1");
      assertThat(t.send("GET", "/gadgets/nope", null).statusCode()).isEqualTo(404);

      assertThat(errors(t, "{\"code\":\"g-2\",\"count\":\"7\"}"))
          .containsExactly("count:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"count\":7.5}"))
          .containsExactly("count:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"count\":99999999999}"))
          .containsExactly("count:invalid_value");
      assertThat(errors(t, "{\"code\":\"g-2\",\"price\":\"1.5\"}"))
          .containsExactly("price:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"active\":1}"))
          .containsExactly("active:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"active\":\"true\"}"))
          .containsExactly("active:invalid_type");
      assertThat(errors(t, "{\"code\":2}")).containsExactly("code:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"released\":\"31/01/2026\"}"))
          .containsExactly("released:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"color\":\"BLUE\"}"))
          .containsExactly("color:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"specs\":[1]}"))
          .containsExactly("specs:invalid_type");
      assertThat(errors(t, "{\"code\":\"g-2\",\"seen_at\":1700000000}"))
          .containsExactly("seen_at:invalid_type");
      assertThat(JSON.readTree(t.send("GET", "/gadgets", null).body()).path("total").asLong())
          .isEqualTo(1);
    }
  }

  private static List<String> errors(TestApp t, String body) throws Exception {
    HttpResponse<String> r = t.send("POST", "/gadgets", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    List<String> out = new ArrayList<>();
    JSON.readTree(r.body())
        .path("errors")
        .forEach(e -> out.add(e.path("field").asText() + ":" + e.path("code").asText()));
    return out;
  }

  @Test
  void schemaOverridesNarrowWhatIsReadAndWritten() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("narrow.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class);
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/gadgets")
                      .idAttribute("code")
                      .readFields("code", "count")
                      .createFields("code", "count")
                      .updateFields("count")
                      .build());
            },
            config -> {})) {
      HttpResponse<String> created = t.send("POST", "/gadgets", "{\"code\":\"n-1\",\"count\":1}");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(JSON.readTree(created.body()))
          .isEqualTo(JSON.readTree("{\"code\":\"n-1\",\"count\":1}"));
      assertThat(errors(t, "{\"code\":\"n-2\",\"price\":1}"))
          .containsExactly("price:unknown_field");
      HttpResponse<String> patch = t.send("PATCH", "/gadgets/n-1", "{\"code\":\"n-9\"}");
      assertThat(patch.statusCode()).isEqualTo(422);
      assertThat(patch.body()).contains("\"field\":\"code\"").contains("unknown_field");
      assertThat(t.send("PATCH", "/gadgets/n-1", "{\"count\":2}").body())
          .isEqualTo("{\"code\":\"n-1\",\"count\":2}");
      JsonNode doc = JSON.readTree(t.send("GET", "/openapi.json", null).body());
      assertThat(doc.at("/components/schemas/GadgetUpdate/properties").size()).isEqualTo(1);
      assertThat(doc.at("/components/schemas/Gadget/properties").size()).isEqualTo(2);
    }
  }

  @Test
  void openApiSchemasCarryTypesFormatsEnumsAndRequiredFields() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("doc.db").toAbsolutePath());
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
            },
            config -> {})) {
      JsonNode doc = JSON.readTree(t.send("GET", "/openapi.json", null).body());
      JsonNode props = doc.at("/components/schemas/Gadget/properties");
      assertThat(props.at("/id/format").asText()).isEqualTo("uuid");
      assertThat(props.at("/count/type").toString()).isEqualTo("[\"integer\",\"null\"]");
      assertThat(props.at("/price/type").toString()).contains("number");
      assertThat(props.at("/released/format").asText()).isEqualTo("date");
      assertThat(props.at("/seen_at/format").asText()).isEqualTo("date-time");
      assertThat(props.at("/color/enum").toString()).isEqualTo("[\"RED\",\"GREEN\",null]");
      assertThat(props.at("/code/maxLength").asInt()).isEqualTo(40);
      assertThat(props.at("/code/examples").isArray()).isTrue();
      assertThat(doc.at("/components/schemas/GadgetCreate/required").toString())
          .isEqualTo("[\"code\"]");
      assertThat(doc.at("/components/schemas/GadgetCreate/additionalProperties").asBoolean())
          .isFalse();
      assertThat(doc.at("/paths/~1gadgets~1{id}/delete/responses/204").isObject()).isTrue();
      assertThat(
              doc.at("/paths/~1gadgets/post/responses/409/content").has("application/problem+json"))
          .isTrue();
      assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    }
  }
}
