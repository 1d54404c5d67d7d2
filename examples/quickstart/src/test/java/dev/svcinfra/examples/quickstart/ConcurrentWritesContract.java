package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.examples.quickstart.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Clients writing different rows at the same time all succeed (issue 16: on SQLite, about 5 of 12
 * simultaneous POST /users answered 409 transaction_conflict, and PATCHes too).
 */
interface ConcurrentWritesContract extends QuickstartCase {
  int CLIENTS = 16;

  @Test
  default void simultaneousPostsAndPatchesOfDifferentUsersAllSucceed() throws Exception {
    String tag = unique("cc");
    List<Reply> created =
        together(
            i ->
                http()
                    .post(
                        "/users",
                        "{\"email\":\""
                            + tag
                            + i
                            + "@example.com\",\"name\":\""
                            + tag
                            + " "
                            + i
                            + "\"}"));
    assertThat(created).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
    List<String> ids = created.stream().map(r -> r.json().path("id").asText()).toList();
    assertThat(ids).doesNotHaveDuplicates();

    List<Reply> patched =
        together(
            i ->
                http()
                    .patch("/users/" + ids.get(i), "{\"name\":\"" + tag + " renamed " + i + "\"}"));
    assertThat(patched).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));

    // Reads and writes interleaved: every write lands, every read answers.
    List<Reply> mixed =
        together(
            i ->
                i % 2 == 0
                    ? http().get("/users?q=" + tag)
                    : http()
                        .patch(
                            "/users/" + ids.get(i), "{\"name\":\"" + tag + " again " + i + "\"}"));
    assertThat(mixed).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));

    Reply list = http().get("/users?limit=100&q=" + tag);
    assertThat(list.json().path("total").asLong()).isEqualTo(CLIENTS);
    List<String> names = new ArrayList<>();
    list.json().path("items").forEach(u -> names.add(u.path("name").asText()));
    for (int i = 0; i < CLIENTS; i++) {
      assertThat(names).contains(tag + (i % 2 == 0 ? " renamed " : " again ") + i);
    }
  }

  /**
   * Clients registering the same email (in different cases) at the same instant: exactly one is
   * created, every other gets the same 409 as a duplicate sent later, whichever of the unique index
   * and the check before the INSERT decides on the database (issue 23).
   */
  @Test
  default void simultaneousDuplicateCreatesGiveOne201AndThe409sOfADuplicate() throws Exception {
    String tag = unique("same");
    String email = tag + "@example.com";
    List<Reply> replies =
        together(
            i ->
                http()
                    .post(
                        "/users",
                        "{\"email\":\""
                            + (i % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT))
                            + "\"}"));
    assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
    List<Reply> refused = replies.stream().filter(r -> r.status() != 201).toList();
    assertThat(refused).hasSize(CLIENTS - 1);
    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as(r.toString()).isEqualTo(409);
              assertThat(r.json().path("code").asText()).isEqualTo("conflict");
              assertThat(r.json().path("detail").asText())
                  .endsWith("' already exists (ignoring case)");
            });
    Reply list = http().get("/users?count=exact&q=" + tag);
    assertThat(list.json().path("total").asLong()).isEqualTo(1);
  }

  /** Sends {@link #CLIENTS} requests released at the same instant and waits for every answer. */
  private static List<Reply> together(IntFunction<Reply> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      CyclicBarrier start = new CyclicBarrier(CLIENTS);
      List<Future<Reply>> answers = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int index = i;
        answers.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return request.apply(index);
                }));
      }
      List<Reply> out = new ArrayList<>();
      for (Future<Reply> f : answers) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
