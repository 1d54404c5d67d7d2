package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.examples.quickstart.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: users' emails are unique (ignoring case) among live users only, so a deleted user's
 * email can be registered again, and {@code POST /users/{id}/restore} brings a deleted user back:
 * 200 with the row and its ETag, 409 when the email was taken meanwhile, 404 for a live, unknown or
 * malformed id. Run on PostgreSQL, MariaDB and SQLite by the per-database classes.
 */
interface RestoreContract extends QuickstartCase {
  @Test
  default void aDeletedUsersEmailCanBeRegisteredAgainAndItsRestoreIs409() {
    String email = unique("gone") + "@example.com";
    String id = createUser(email, "Gone").json().path("id").asText();
    assertThat(http().delete("/users/" + id).status()).isEqualTo(204);
    Reply again = http().post("/users", "{\"email\":\"" + email + "\"}");
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertProblem(http().post("/users/" + id + "/restore", null), 409, "conflict");
    // The failed restore changed nothing: the old user is still deleted, the new one lives.
    assertProblem(http().get("/users/" + id), 404, "not_found");
    String againId = again.json().path("id").asText();
    assertThat(http().get("/users/" + againId).status()).isEqualTo(200);
    assertThat(http().get("/users?fields=email&q=" + email).json().path("total").asLong())
        .isEqualTo(1);
    // Once the new user is deleted too, the old one comes back as it was.
    assertThat(http().delete("/users/" + againId).status()).isEqualTo(204);
    Reply back = http().post("/users/" + id + "/restore", null);
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.json().path("id").asText()).isEqualTo(id);
    assertThat(back.json().path("email").asText()).isEqualTo(email);
    assertThat(back.json().path("name").asText()).isEqualTo("Gone");
    assertThat(back.json().path("deleted_at").isNull()).isTrue();
    Reply read = http().get("/users/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(back.header("ETag")).isNotEmpty().isEqualTo(read.header("ETag"));
  }

  @Test
  default void aRestoreWithAFreeEmailIs200() {
    String email = unique("free") + "@example.com";
    Reply created = createUser(email, "Free");
    String id = created.json().path("id").asText();
    assertThat(http().delete("/users/" + id).status()).isEqualTo(204);
    assertProblem(http().get("/users/" + id), 404, "not_found");
    Reply back = http().post("/users/" + id + "/restore", null);
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.json().path("email").asText()).isEqualTo(email);
    // Stamped as a write.
    assertThat(back.json().path("updated_at").asText())
        .isGreaterThanOrEqualTo(created.json().path("updated_at").asText());
    assertThat(http().get("/users/" + id).status()).isEqualTo(200);
    // A second restore finds no deleted user.
    assertProblem(http().post("/users/" + id + "/restore", null), 404, "not_found");
  }

  @Test
  default void caseFoldingHoldsAmongLiveUsersOnly() {
    String tag = unique("x");
    String ann = "Ann" + tag + "@x";
    String annOtherCase = "ann" + tag.toUpperCase(Locale.ROOT) + "@X";
    String id = createUser(ann, "Ann").json().path("id").asText();
    // Two live users Ann@x and ann@X: a conflict.
    assertProblem(http().post("/users", "{\"email\":\"" + annOtherCase + "\"}"), 409, "conflict");
    assertThat(http().delete("/users/" + id).status()).isEqualTo(204);
    // Ann@x deleted: ann@X is allowed.
    Reply other = http().post("/users", "{\"email\":\"" + annOtherCase + "\"}");
    assertThat(other.status()).as(other.toString()).isEqualTo(201);
    assertProblem(http().post("/users/" + id + "/restore", null), 409, "conflict");
    // Accents still count: Émile and Emile are two users, live or not.
    String emile = "\u00c9mile" + tag + "@x";
    String emileId = createUser(emile, "Emile").json().path("id").asText();
    assertThat(http().delete("/users/" + emileId).status()).isEqualTo(204);
    assertThat(createUser("\u00e9MILE" + tag + "@x", "emile").status()).isEqualTo(201);
    assertThat(createUser("Emile" + tag + "@x", "plain").status()).isEqualTo(201);
    assertProblem(http().post("/users/" + emileId + "/restore", null), 409, "conflict");
  }

  @Test
  default void restoreOfALiveUnknownOrMalformedIdIs404() {
    String id = createUser(unique("live") + "@example.com", "Live").json().path("id").asText();
    assertProblem(http().post("/users/" + id + "/restore", null), 404, "not_found");
    assertProblem(http().post("/users/" + UUID.randomUUID() + "/restore", null), 404, "not_found");
    assertProblem(http().post("/users/not-a-uuid/restore", null), 404, "not_found");
    // Accounts are deleted for good: they have no restore route.
    assertThat(http().post("/accounts/1/restore", null).status()).isEqualTo(404);
  }

  @Test
  default void concurrentCreatesOfADeletedUsersEmailHaveExactlyOneWinner() throws Exception {
    String email = unique("race") + "@example.com";
    String id = createUser(email, "Race").json().path("id").asText();
    assertThat(http().delete("/users/" + id).status()).isEqualTo(204);
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Reply> replies = new ArrayList<>();
    try {
      CyclicBarrier start = new CyclicBarrier(clients);
      List<Future<Reply>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String variant = i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT);
        answers.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return http().post("/users", "{\"email\":\"" + variant + "\"}");
                }));
      }
      for (Future<Reply> f : answers) {
        replies.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(replies)
        .filteredOn(r -> r.status() != 201)
        .allSatisfy(r -> assertProblem(r, 409, "conflict"));
    assertThat(http().get("/users?fields=email&q=" + email).json().path("total").asLong())
        .isEqualTo(1);
  }
}
