package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.Database;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: list parameters are read into one {@code ListRequest}; what clients see of a bad one
 * (status, problem code, each field error with its code and message, in order) is what it was
 * before, and the one maximum of 1000 rows applies.
 */
class ListParametersTest {
  @TempDir Path dir;

  private TestApp t;

  @BeforeEach
  void start() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("lists.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class);
    t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(SqlResource.of(Gadget.class).defaultOrder("code", "count").build());
            },
            config -> {});
    for (String code : List.of("a", "b", "c")) {
      assertThat(t.send("POST", "/gadgets", "{\"code\":\"" + code + "\"}").statusCode())
          .isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    t.close();
  }

  /** {@code status code [field code message]...} of the answer to {@code GET /gadgets?query}. */
  private String answer(String query) throws Exception {
    HttpResponse<String> r = t.send("GET", "/gadgets?" + query, null);
    JsonNode body = JsonCodec.tree(r.body().getBytes(StandardCharsets.UTF_8));
    List<String> parts = new ArrayList<>(List.of(String.valueOf(r.statusCode())));
    if (r.statusCode() != 200) {
      parts.add(body.path("code").asText());
      for (JsonNode e : body.path("errors")) {
        parts.add(
            "["
                + e.path("field").asText()
                + " "
                + e.path("code").asText()
                + " "
                + e.path("message").asText()
                + "]");
      }
    } else {
      parts.add(
          "items="
              + body.path("items").size()
              + " limit="
              + body.path("limit").asInt()
              + " offset="
              + body.path("offset").asLong()
              + " total="
              + body.path("total").asLong()
              + (body.has("next_cursor") ? " keyset" : ""));
    }
    return String.join(" ", parts);
  }

  @Test
  void badParametersAnswerAsBefore() throws Exception {
    assertThat(answer("limit=0")).isEqualTo("422 validation [limit invalid_value must be 1..1000]");
    assertThat(answer("limit=1001"))
        .isEqualTo("422 validation [limit invalid_value must be 1..1000]");
    assertThat(answer("limit=99999999999999"))
        .isEqualTo("422 validation [limit invalid_value must be 1..1000]");
    assertThat(answer("limit=-99999999999999"))
        .isEqualTo("422 validation [limit invalid_value must be 1..1000]");
    assertThat(answer("limit=9999999999999999999"))
        .isEqualTo("422 validation [limit invalid_type expected a whole number]");
    assertThat(answer("limit=abc&offset=-1"))
        .isEqualTo(
            "422 validation "
                + "[limit invalid_type expected a whole number] [offset invalid_value must be 0 or more]");
    assertThat(answer("limit=0&offset=x&cursor="))
        .isEqualTo(
            "422 validation "
                + "[limit invalid_value must be 1..1000] [offset invalid_type expected a whole number] "
                + "[cursor not_allowed keyset paging takes limit and at most one order_by field; it "
                + "cannot be combined with offset or q]");
    assertThat(answer("cursor=abc&q=x&limit=2000"))
        .isEqualTo(
            "422 validation "
                + "[limit invalid_value must be 1..1000] "
                + "[cursor not_allowed keyset paging takes limit and at most one order_by field; it "
                + "cannot be combined with offset or q]");
    assertThat(answer("cursor=&order_by=code,count")).startsWith("422 validation [cursor");
    assertThat(answer("order_by=nope")).startsWith("422 validation [order_by not_allowed");
    assertThat(answer("q=a&fields=nope")).startsWith("422 validation [fields not_allowed");
  }

  @Test
  void goodParametersAnswerAsBefore() throws Exception {
    assertThat(answer("")).isEqualTo("200 items=3 limit=50 offset=0 total=3");
    assertThat(answer("limit=1000&offset=1")).isEqualTo("200 items=2 limit=1000 offset=1 total=3");
    assertThat(answer("limit=1&offset=0&q=%20%20"))
        .isEqualTo("200 items=1 limit=1 offset=0 total=3");
    // A blank q beside a cursor is no search, and the two-field default order is allowed.
    assertThat(answer("cursor=&q=%20&limit=2"))
        .isEqualTo("200 items=2 limit=2 offset=0 total=3 " + "keyset");
    assertThat(answer("cursor=&limit=1000&fields=nope"))
        .isEqualTo("200 items=3 limit=1000 offset=0 total=3 keyset");
  }
}
