package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 on the quickstart: the users list filters by {@code email}, {@code name} and {@code
 * created_at}; a filter on another field, an unknown parameter, a bad value, and any parameter on
 * the other routes are a 422; OpenAPI lists the filter parameters.
 */
interface UserFiltersContract extends QuickstartCase {
  private List<String> emails(String query) {
    Reply r = http().get("/users?" + query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("items").forEach(u -> out.add(u.path("email").asText()));
    assertThat(r.json().path("total").asLong()).as(r.toString()).isEqualTo(out.size());
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  default void usersFilterByEmailNameAndCreatedAt() {
    String tag = unique("flt");
    String ann = tag + "-ann@example.com";
    String bob = tag + "-bob@example.com";
    JsonNode first = createUser(ann, tag + " Ann").json();
    createUser(bob, tag.toUpperCase(java.util.Locale.ROOT) + " Bob");
    Instant annCreated = Instant.parse(first.path("created_at").asText());

    assertThat(emails("email=" + enc(ann))).containsExactly(ann);
    assertThat(emails("email[in]=" + enc(ann + "," + bob) + "&order_by=email"))
        .containsExactly(ann, bob);
    // The prefix ignores case: the tag matches both names, whatever their case.
    assertThat(emails("name[prefix]=" + enc(tag) + "&order_by=email")).containsExactly(ann, bob);
    assertThat(emails("name[prefix]=" + enc(tag + " b"))).containsExactly(bob);
    assertThat(
            emails(
                "name[prefix]="
                    + enc(tag)
                    + "&created_at[gte]="
                    + enc(annCreated.toString())
                    + "&order_by=email"))
        .containsExactly(ann, bob);
    assertThat(emails("name[prefix]=" + enc(tag) + "&created_at[lt]=" + enc(annCreated.toString())))
        .isEmpty();
    // A deleted user is never listed, whatever the filters ask.
    assertThat(http().delete("/users/" + first.path("id").asText()).status()).isEqualTo(204);
    assertThat(emails("email=" + enc(ann))).isEmpty();
    assertThat(emails("name[prefix]=" + enc(tag))).containsExactly(bob);
  }

  @Test
  default void badFiltersAndUnknownParametersAre422() {
    Reply bad = http().get("/users?created_at[gt]=yesterday&email[gt]=a");
    assertProblem(bad, 422, "validation");
    assertThat(fieldErrors(bad)).containsExactly("created_at[gt]:invalid_type");
    Reply other = http().get("/users?updated_at=2026-01-01T00:00:00Z");
    assertProblem(other, 422, "validation");
    assertThat(fieldErrors(other)).containsExactly("updated_at:not_allowed");
    Reply unknown = http().get("/users?title=A");
    assertProblem(unknown, 422, "validation");
    assertThat(fieldErrors(unknown)).containsExactly("title:unknown_field");
    assertThat(unknown.body())
        .contains("limit, offset, order_by, q, fields, cursor, count, email, email[eq], email[ne]")
        .contains("name[prefix]")
        .contains("created_at[gte]");
    Reply one = http().get("/users/" + java.util.UUID.randomUUID() + "?expand=all");
    assertProblem(one, 422, "validation");
    assertThat(fieldErrors(one)).containsExactly("expand:unknown_field");
  }

  @Test
  default void openApiListsTheUserFilters() {
    JsonNode doc = http().get("/openapi.json").json();
    List<String> names = new ArrayList<>();
    doc.at("/paths/~1users/get/parameters").forEach(p -> names.add(p.path("name").asText()));
    assertThat(names)
        .contains("email", "email[in]", "email[prefix]", "name[prefix]", "created_at[gte]")
        .doesNotContain("updated_at", "deleted_at[is]");
    doc.at("/paths/~1users/get/parameters")
        .forEach(
            p -> {
              if (p.path("name").asText().equals("created_at[lt]")) {
                assertThat(p.at("/schema/format").asText()).isEqualTo("date-time");
              }
            });
  }
}
