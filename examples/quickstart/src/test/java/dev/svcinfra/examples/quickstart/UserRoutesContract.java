package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The users resource: CRUD, soft delete, list parameters, search, bodies, conflicts. */
interface UserRoutesContract extends QuickstartCase {
  // ---- users: CRUD and soft delete -------------------------------------------------------------

  @Test
  default void userLifecycleWithSoftDelete() {
    String email = unique("life") + "@example.com";
    Reply created = createUser(email, "Life");
    JsonNode user = created.json();
    String id = user.path("id").asText();
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(created.header("Location")).isEqualTo("/users/" + id);
    assertThat(Instant.parse(user.path("created_at").asText())).isNotNull();
    assertThat(user.path("deleted_at").isNull()).isTrue();

    Reply got = http().get("/users/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(user);

    Reply patched = http().patch("/users/" + id, "{\"name\":\"Renamed\"}");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().path("name").asText()).isEqualTo("Renamed");
    assertThat(patched.json().path("email").asText()).isEqualTo(email);
    assertThat(Instant.parse(patched.json().path("updated_at").asText()))
        .isAfterOrEqualTo(Instant.parse(user.path("updated_at").asText()));

    assertThat(http().delete("/users/" + id).status()).isEqualTo(204);
    assertProblem(http().get("/users/" + id), 404, "not_found");
    assertProblem(http().patch("/users/" + id, "{\"name\":\"x\"}"), 404, "not_found");
    assertProblem(http().delete("/users/" + id), 404, "not_found");
    assertThat(http().get("/users?q=" + email).json().path("total").asLong()).isZero();

    // Soft delete: the row is still stored, stamped with deleted_at.
    List<Object> stamp =
        service()
            .db
            .inTransaction(
                tx ->
                    tx.query(
                        "SELECT deleted_at FROM users WHERE email = ?",
                        rs -> rs.getObject(1),
                        email));
    assertThat(stamp).hasSize(1);
    assertThat(stamp.get(0)).isNotNull();
  }

  /**
   * Issue 16: emails are unique ignoring Unicode case and nothing else, and search folds the same
   * way, on every database (SQLite folded ASCII only, MariaDB also ignored accents).
   */
  @Test
  default void emailsAndSearchFoldUnicodeCaseButNotAccents() {
    String tag = unique("u");
    assertThat(createUser("\u00e9mile" + tag + "@x.com", "\u03a9MEGA " + tag).status())
        .isEqualTo(201);
    assertProblem(
        http().post("/users", "{\"email\":\"\u00c9MILE" + tag + "@x.com\"}"), 409, "conflict");
    assertThat(createUser("emile" + tag + "@x.com", "plain " + tag).status()).isEqualTo(201);
    assertThat(http().get("/users?fields=name&q=%CF%89mega+" + tag).json().path("total").asLong())
        .isEqualTo(1);
    assertThat(http().get("/users?fields=email&q=%C3%89MILE" + tag).json().path("total").asLong())
        .isEqualTo(1);
    assertProblem(http().get("/users?q=a%00b"), 422, "validation");
  }

  @Test
  default void listEnvelopeAndTrailingSlash() {
    String tag = unique("env");
    createUser(tag + "a@example.com", tag);
    Reply list = http().get("/users/?q=" + tag);
    assertThat(list.status()).isEqualTo(200);
    JsonNode page = list.json();
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("limit").asInt()).isEqualTo(50);
    assertThat(page.path("offset").asLong()).isZero();
    assertThat(page.path("items")).hasSize(1);
  }

  @Test
  default void listParametersAtTheirBounds() {
    String tag = unique("bnd");
    createUser(tag + "1@example.com", tag);
    createUser(tag + "2@example.com", tag);
    assertProblem(http().get("/users?limit=0"), 422, "validation");
    assertThat(fieldErrors(http().get("/users?limit=0"))).containsExactly("limit:invalid_value");
    Reply one = http().get("/users?limit=1&count=exact&q=" + tag);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("items")).hasSize(1);
    assertThat(one.json().path("total").asLong()).isEqualTo(2);
    assertThat(one.json().path("total_kind").asText()).isEqualTo("exact");
    // Issue 23: the count modes, by parameter and by PostgREST's Prefer header.
    Reply none = http().get("/users?limit=1&count=none&q=" + tag);
    assertThat(none.json().path("total").isNull()).isTrue();
    assertThat(none.json().path("total_kind").asText()).isEqualTo("none");
    Reply preferred = http().get("/users?limit=1&q=" + tag, "Prefer", "count=exact");
    assertThat(preferred.json().path("total").asLong()).isEqualTo(2);
    assertThat(preferred.header("Preference-Applied")).isEqualTo("count=exact");
    Reply planned = http().get("/users?limit=1&count=planned&q=" + tag);
    assertThat(planned.json().path("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(fieldErrors(http().get("/users?count=all"))).containsExactly("count:invalid_value");
    assertThat(http().get("/users?limit=1000").status()).isEqualTo(200);
    assertThat(fieldErrors(http().get("/users?limit=1001"))).containsExactly("limit:invalid_value");
    assertThat(fieldErrors(http().get("/users?offset=-1"))).containsExactly("offset:invalid_value");
    assertThat(fieldErrors(http().get("/users?limit=ten"))).containsExactly("limit:invalid_type");
    assertThat(fieldErrors(http().get("/users?limit=0&offset=-1")))
        .containsExactly("limit:invalid_value", "offset:invalid_value");
    Reply skipped = http().get("/users?limit=5&offset=1&q=" + tag);
    assertThat(skipped.json().path("items")).hasSize(1);
    assertThat(skipped.json().path("offset").asLong()).isEqualTo(1);
  }

  @Test
  default void searchTreatsPercentAndUnderscoreLiterally() {
    String tag = unique("pct");
    createUser(tag + "1@example.com", tag + " 100% cotton");
    createUser(tag + "2@example.com", tag + " 1000 cotton");
    createUser(tag + "3@example.com", tag + " a_b");
    createUser(tag + "4@example.com", tag + " axb");
    assertThat(names(http().get("/users?fields=name&q=" + "0%25")))
        .containsExactly(tag + " 100% cotton");
    assertThat(names(http().get("/users?fields=name&q=" + "a_b"))).containsExactly(tag + " a_b");
    assertThat(names(http().get("/users?q=" + tag.toUpperCase(Locale.ROOT) + "+100%25")))
        .hasSize(1);
  }

  static List<String> names(Reply r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("items").forEach(i -> out.add(i.path("name").asText()));
    return out;
  }

  @Test
  default void orderingAndSearchFieldsAreAllowlisted() {
    String tag = unique("ord");
    createUser(tag + "b@example.com", tag + " B");
    createUser(tag + "a@example.com", tag + " A");
    createUser(tag + "c@example.com", tag + " C");
    assertThat(names(http().get("/users?order_by=name&q=" + tag)))
        .containsExactly(tag + " A", tag + " B", tag + " C");
    assertThat(names(http().get("/users?order_by=-name&q=" + tag)))
        .containsExactly(tag + " C", tag + " B", tag + " A");
    // Default order: newest first.
    assertThat(names(http().get("/users?q=" + tag)))
        .containsExactly(tag + " C", tag + " A", tag + " B");
    assertProblem(http().get("/users?order_by=deleted_at"), 422, "validation");
    assertThat(fieldErrors(http().get("/users?order_by=deleted_at")))
        .containsExactly("order_by:not_allowed");
    assertThat(fieldErrors(http().get("/users?q=x&fields=id")))
        .containsExactly("fields:not_allowed");
    assertThat(names(http().get("/users?fields=email&q=" + tag + "b@")))
        .containsExactly(tag + " B");
  }

  // ---- users: body validation ------------------------------------------------------------------

  @Test
  default void invalidBodiesAre422WithEveryFieldAndWriteNothing() {
    long before = http().get("/users?limit=1&count=exact").json().path("total").asLong();
    Reply unknown =
        http().post("/users", "{\"email\":\"" + unique("u") + "@x.io\",\"role\":\"admin\"}");
    assertProblem(unknown, 422, "validation");
    assertThat(fieldErrors(unknown)).containsExactly("role:unknown_field");

    assertThat(fieldErrors(http().post("/users", "{\"email\":null}")))
        .containsExactly("email:required");
    assertThat(fieldErrors(http().post("/users", "{\"name\":\"n\"}")))
        .containsExactly("email:required");
    assertThat(fieldErrors(http().post("/users", "{\"email\":5}")))
        .containsExactly("email:invalid_type");
    assertThat(fieldErrors(http().post("/users", "{\"email\":true,\"name\":[1]}")))
        .containsExactly("email:invalid_type", "name:invalid_type");
    assertThat(
            fieldErrors(
                http()
                    .post(
                        "/users",
                        "{\"email\":\"a@x.io\",\"id\":\""
                            + UUID.randomUUID()
                            + "\",\"created_at\":\"2020-01-01T00:00:00Z\"}")))
        .containsExactly("id:unknown_field", "created_at:unknown_field");
    assertThat(fieldErrors(http().post("/users", "{\"email\":\"" + "x".repeat(321) + "\"}")))
        .containsExactly("email:invalid_value");

    String id = createUser(unique("p") + "@example.com", "P").json().path("id").asText();
    assertThat(fieldErrors(http().patch("/users/" + id, "{\"email\":null}")))
        .containsExactly("email:required");
    assertThat(fieldErrors(http().patch("/users/" + id, "{\"name\":7}")))
        .containsExactly("name:invalid_type");
    assertThat(http().get("/users/" + id).json().path("name").asText()).isEqualTo("P");
    assertThat(http().get("/users?limit=1&count=exact").json().path("total").asLong())
        .isEqualTo(before + 1);
  }

  @Test
  default void malformedJsonIsAProblem() {
    assertProblem(http().post("/users", "{\"email\": "), 422, "malformed_json");
    assertProblem(http().post("/users", ""), 422, "malformed_json");
    assertProblem(http().post("/users", "[1,2]"), 422, "malformed_json");
    assertProblem(http().post("/users", "{\"email\":\"a@x.io\"} trailing"), 422, "malformed_json");
    assertProblem(
        http().post("/users", "{\"email\":\"a@x.io\",\"email\":\"b@x.io\"}"),
        422,
        "malformed_json");
    assertProblem(http().post("/transfer", "{oops"), 422, "malformed_json");
  }

  @Test
  default void bodiesOverOneMebibyteAre413() {
    String big = "{\"email\":\"big@example.com\",\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
    assertProblem(http().post("/users", big), 413, "body_too_large");
    assertProblem(http().post("/transfer", big), 413, "body_too_large");
    assertThat(http().get("/users?q=big@example.com").json().path("total").asLong()).isZero();
  }

  @Test
  default void duplicateEmailIs409() {
    String email = unique("dup") + "@example.com";
    createUser(email, "One");
    Reply same = http().post("/users", "{\"email\":\"" + email + "\"}");
    assertProblem(same, 409, "conflict");
    Reply upper = http().post("/users", "{\"email\":\"" + email.toUpperCase(Locale.ROOT) + "\"}");
    assertProblem(upper, 409, "conflict");
    // The same body whether the unique index or the check before the INSERT found it (issue 23).
    assertThat(same.json().path("detail").asText())
        .isEqualTo("email '" + email + "' already exists (ignoring case)");
    assertThat(upper.json().path("detail").asText())
        .isEqualTo("email '" + email.toUpperCase(Locale.ROOT) + "' already exists (ignoring case)");
    String other = createUser(unique("dup2") + "@example.com", "Two").json().path("id").asText();
    assertProblem(
        http().patch("/users/" + other, "{\"email\":\"" + email + "\"}"), 409, "conflict");
    assertThat(http().get("/users?fields=email&q=" + email).json().path("total").asLong())
        .isEqualTo(1);
  }

  @Test
  default void unparsableAndUnknownIdsAre404() {
    assertProblem(http().get("/users/not-a-uuid"), 404, "not_found");
    assertProblem(http().get("/users/" + UUID.randomUUID()), 404, "not_found");
    assertProblem(http().get("/accounts/abc"), 404, "not_found");
    assertProblem(http().get("/accounts/1.5"), 404, "not_found");
    assertProblem(http().get("/accounts/99999999999999999999"), 404, "not_found");
    assertProblem(http().patch("/accounts/abc", "{\"owner\":\"x\"}"), 404, "not_found");
    assertProblem(http().delete("/accounts/abc"), 404, "not_found");
    assertProblem(http().get("/notes/abc", "X-Tenant-Id", "t"), 404, "not_found");
  }

  @Test
  default void javalinErrorsAreProblemsToo() {
    assertProblem(http().get("/no/such/route"), 404, "route_not_found");
    assertProblem(http().send("PUT", "/users", "{}"), 405, "method_not_allowed");
  }
}
