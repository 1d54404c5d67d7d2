package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on the quickstart's writes (issue 18): {@code POST /users}, {@code POST
 * /accounts} and the hand-written {@code POST /transfer} run once per key, on every database the
 * contract runs on, racing retries included.
 */
interface IdempotencyContract extends QuickstartCase {
  String KEY = "Idempotency-Key";

  @Test
  default void aRetriedCreateReplaysAndAnotherBodyIsRefused() {
    String key = unique("user-");
    String email = unique("idem") + "@example.com";
    String body = "{\"email\":\"" + email + "\",\"name\":\"Idem\"}";
    Reply first = http().post("/users", body, KEY, key);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    Reply again = http().post("/users", body, KEY, key);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(http().get("/users?q=" + email).json().path("total").asLong()).isEqualTo(1);

    assertProblem(
        http().post("/users", "{\"email\":\"other-" + email + "\"}", KEY, key),
        422,
        "idempotency_key_mismatch");
    assertProblem(http().post("/users", body, KEY, "not one key"), 400, "idempotency_key_invalid");
    // The same key on another route is another key.
    Reply account = http().post("/accounts", "{\"owner\":\"" + email + "\"}", KEY, key);
    assertThat(account.status()).as(account.toString()).isEqualTo(201);
    assertThat(account.header("Idempotent-Replayed")).isNull();
  }

  /** A retried transfer moves the money once; a refused one stays retryable. */
  @Test
  default void aRetriedTransferMovesMoneyOnce() {
    long from = account("100.00");
    long to = account("0.00");
    String key = unique("transfer-");
    String body = "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":30.00}";
    for (int i = 0; i < 3; i++) {
      Reply r = http().post("/transfer", body, KEY, key);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.header("Idempotent-Replayed")).isEqualTo(i == 0 ? null : "true");
    }
    assertThat(balance(from)).isEqualByComparingTo("70.00");
    assertThat(balance(to)).isEqualByComparingTo("30.00");
    assertProblem(
        http().post("/transfer", body.replace("30.00", "31.00"), KEY, key),
        422,
        "idempotency_key_mismatch");

    // An overdraft is refused and stores nothing: once the money is there, the same key works.
    String overdraft = unique("overdraft-");
    String big = "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":500.00}";
    assertProblem(http().post("/transfer", big, KEY, overdraft), 422, "validation");
    Reply deposit = http().patch("/accounts/" + from, "{\"balance\":600.00}");
    assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
    assertThat(http().post("/transfer", big, KEY, overdraft).status()).isEqualTo(200);
    assertThat(balance(from)).isEqualByComparingTo("100.00");
    assertThat(balance(to)).isEqualByComparingTo("530.00");
  }

  /**
   * Eight retries of one create, released at the same instant: one account, every answer the
   * created account (replayed) or 409 while the first one runs.
   */
  @Test
  default void racingRetriesCreateOneRow() throws Exception {
    String owner = unique("race-");
    String key = unique("race-key-");
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Reply> replies = new ArrayList<>();
    try {
      CyclicBarrier start = new CyclicBarrier(clients);
      List<Future<Reply>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return http().post("/accounts", "{\"owner\":\"" + owner + "\"}", KEY, key);
                }));
      }
      for (Future<Reply> f : answers) {
        replies.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> ids = new ArrayList<>();
    for (Reply r : replies) {
      if (r.status() == 409) {
        assertProblem(r, 409, "idempotency_key_in_use");
      } else {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        ids.add(r.json().path("id").asText());
      }
    }
    assertThat(ids).isNotEmpty();
    assertThat(ids.stream().distinct()).hasSize(1);
    assertThat(
            replies.stream()
                .filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null))
        .hasSize(1);
    JsonNode list = http().get("/accounts?limit=1000").json();
    long rows = 0;
    for (JsonNode a : list.path("items")) {
      rows += a.path("owner").asText().equals(owner) ? 1 : 0;
    }
    assertThat(rows).isEqualTo(1);
  }

  @Test
  default void theOpenApiDocumentShowsTheHeaderOnEveryWrite() {
    JsonNode doc = http().get("/openapi.json").json();
    for (String op :
        List.of(
            "/paths/~1users/post",
            "/paths/~1accounts/post",
            "/paths/~1transfer/post",
            "/paths/~1users~1{id}/patch")) {
      assertThat(doc.at(op + "/parameters").toString())
          .as(op)
          .contains("#/components/parameters/IdempotencyKey");
    }
    assertThat(doc.at("/paths/~1transfer/post/responses/409").isMissingNode()).isFalse();
  }

  private long account(String balance) {
    Reply r =
        http()
            .post("/accounts", "{\"owner\":\"" + unique("o-") + "\",\"balance\":" + balance + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asLong();
  }

  private BigDecimal balance(long id) {
    return http().get("/accounts/" + id).json().path("balance").decimalValue();
  }
}
