package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.examples.quickstart.Http.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lost updates and HTTP edges (issue 16) on the quickstart's routes: ETags, If-Match (412),
 * If-None-Match (304), concurrent PATCHes of which exactly one wins, HEAD on the probes, and
 * requests naming two tenants.
 */
interface ConditionalRequestsContract extends QuickstartCase {

  @Test
  default void aStaleIfMatchNeverOverwritesAUser() {
    Reply created = createUser(unique("tag") + "@example.com", "Tag");
    String id = created.json().path("id").asText();
    String first = created.header("ETag");
    assertThat(first).isNotNull().isEqualTo(http().get("/users/" + id).header("ETag"));
    assertThat(http().get("/users/" + id, "If-None-Match", first).status()).isEqualTo(304);

    Reply renamed = http().patch("/users/" + id, "{\"name\":\"One\"}", "If-Match", first);
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.header("ETag")).isNotEqualTo(first);
    assertProblem(
        http().patch("/users/" + id, "{\"name\":\"Two\"}", "If-Match", first),
        412,
        "precondition_failed");
    assertProblem(
        http().patch("/users/" + id, "{\"name\":\"Two\"}", "If-Match", "\"stale\""),
        412,
        "precondition_failed");
    assertThat(http().get("/users/" + id).json().path("name").asText()).isEqualTo("One");
    assertProblem(http().delete("/users/" + id, "If-Match", first), 412, "precondition_failed");
    assertThat(http().delete("/users/" + id, "If-Match", renamed.header("ETag")).status())
        .isEqualTo(204);
    // Soft-deleted: gone for every condition.
    assertProblem(
        http().patch("/users/" + id, "{\"name\":\"x\"}", "If-Match", "*"), 404, "not_found");
  }

  @Test
  default void tenantNotesCarryEtagsScopedToTheTenant() {
    String acme = unique("acme");
    Reply note = http().post("/notes", "{\"title\":\"t\"}", "X-Tenant-Id", acme);
    assertThat(note.status()).as(note.toString()).isEqualTo(201);
    String path = note.header("Location");
    String etag = note.header("ETag");
    assertProblem(
        http().patch(path, "{\"title\":\"x\"}", "X-Tenant-Id", unique("other"), "If-Match", etag),
        404,
        "not_found");
    assertThat(
            http().patch(path, "{\"title\":\"y\"}", "X-Tenant-Id", acme, "If-Match", etag).status())
        .isEqualTo(200);
    assertProblem(
        http().patch(path, "{\"title\":\"z\"}", "X-Tenant-Id", acme, "If-Match", etag),
        412,
        "precondition_failed");
  }

  @Test
  default void ofConcurrentPatchesHoldingOneEtagExactlyOneWins() throws Exception {
    Reply account = http().post("/accounts", "{\"owner\":\"race\",\"balance\":10}");
    assertThat(account.status()).as(account.toString()).isEqualTo(201);
    String path = account.header("Location");
    String etag = account.header("ETag");
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reply>> answers = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String owner = "writer" + i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return http().patch(path, "{\"owner\":\"" + owner + "\"}", "If-Match", etag);
                }));
      }
      start.countDown();
      List<String> won = new ArrayList<>();
      for (Future<Reply> f : answers) {
        Reply r = f.get(60, TimeUnit.SECONDS);
        if (r.status() == 200) {
          won.add(r.json().path("owner").asText());
        } else {
          // 412 after waiting for the winner; SQLite may refuse the racing write instead.
          assertThat(r.status()).as(r.toString()).isIn(412, 409);
          assertThat(r.body()).containsAnyOf("precondition_failed", "transaction_conflict");
        }
      }
      assertThat(won).hasSize(1);
      assertThat(http().get(path).json().path("owner").asText()).isEqualTo(won.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void headAnswersLikeGetOnProbesAndRows() throws Exception {
    for (String path :
        List.of(
            "/_health/ready",
            "/_health/live",
            "/_sql/health",
            "/users/00000000-0000-0000-0000-000000000000",
            "/users?limit=0",
            "/notes")) {
      String get = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String head = raw("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(head.substring(0, 12)).as(path).isEqualTo(get.substring(0, 12));
      assertThat(head).as(path).endsWith("\r\n\r\n");
    }
    String allow = raw("PUT /users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(allow).startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD, POST");
  }

  @Test
  default void aRequestNamingTwoTenantsIsRefused() throws Exception {
    String r =
        raw(
            "GET /notes HTTP/1.1\r\nHost: x\r\nX-Tenant-Id: acme\r\n"
                + "X-Tenant-Id: ACME\r\nConnection: close\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 400").contains("tenant_invalid");
    String longTenant =
        raw(
            "GET /notes HTTP/1.1\r\nHost: x\r\nX-Tenant-Id: "
                + "a".repeat(65)
                + "\r\nConnection: close\r\n\r\n");
    assertThat(longTenant).startsWith("HTTP/1.1 400").contains("tenant_invalid");
  }

  @Test
  default void brokenBodiesAre400AndWriteNothing() throws Exception {
    long users = http().get("/users?limit=1&count=exact").json().path("total").asLong();
    for (String request :
        List.of(
            "POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 80\r\n\r\n{\"email\":\"short@example.com\",\"name\":\"S\"}",
            "POST /transfer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nXYZ\r\n{}\r\n0\r\n\r\n")) {
      String r = raw(request, true);
      assertThat(r)
          .as(request)
          .startsWith("HTTP/1.1 400")
          .contains("body_malformed")
          .contains("X-Request-Id");
    }
    assertThat(http().get("/users?limit=1&count=exact").json().path("total").asLong())
        .isEqualTo(users);
  }

  private String raw(String request) throws Exception {
    return raw(request, false);
  }

  /** One request as written, over a new socket; the whole answer. */
  private String raw(String request, boolean endOfInput) throws Exception {
    int port = Integer.parseInt(http().base().substring(http().base().lastIndexOf(':') + 1));
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (endOfInput) {
        s.shutdownOutput(); // the body stops short of what its headers announced
      }
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
