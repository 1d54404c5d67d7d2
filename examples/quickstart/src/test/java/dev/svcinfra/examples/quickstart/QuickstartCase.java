package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What every part of the quickstart contract needs: the running service and assertions. */
interface QuickstartCase {
  RunningQuickstart service();

  default Http http() {
    return service().http;
  }

  default String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  default Reply createUser(String email, String name) {
    Reply r = http().post("/users", "{\"email\":\"" + email + "\",\"name\":\"" + name + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  default void assertProblem(Reply r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("code").asText()).isEqualTo(code);
    assertThat(p.has("type") && p.has("title") && p.has("detail") && p.has("instance")).isTrue();
    assertThat(r.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("dev.svcinfra")
        .doesNotContain("org.eclipse");
  }

  default List<String> fieldErrors(Reply r) {
    List<String> out = new ArrayList<>();
    r.json()
        .path("errors")
        .forEach(e -> out.add(e.path("field").asText() + ":" + e.path("code").asText()));
    return out;
  }
}
