package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.sql.Database;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP edges (issue 16) over raw sockets, where a client library would normalise the request: HEAD
 * answers as GET would without a body, 405 names the allowed methods, broken bodies are 400,
 * duplicate or over-long tenants are 400 {@code tenant_invalid}, an empty cursor is the first
 * keyset slice.
 */
class HttpEdgesTest {
  @TempDir Path dir;

  private final HealthRegistry registry = new HealthRegistry();
  private volatile boolean healthy = false;
  private TestApp t;
  private int port;

  @BeforeEach
  void start() {
    Database db = Database.open("sqlite:///" + dir.resolve("edges.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class, Ledger.class);
    registry.add("flaky", () -> healthy ? CheckResult.healthy() : CheckResult.unhealthy("down"));
    t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(SqlResource.of(Gadget.class).build());
              sql.resource(SqlResource.of(Ledger.class).build());
            },
            config -> {
              config.registerPlugin(new HealthPlugin(h -> h.registry = registry));
              config.routes.get("/mine", ctx -> ctx.status(503).result("busy"));
            });
    port = t.app.port();
  }

  @AfterEach
  void stop() {
    t.close();
    registry.close();
  }

  private RawHttp raw(String method, String path, String... headers) throws Exception {
    StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: x\r\n");
    for (String h : headers) {
      r.append(h).append("\r\n");
    }
    return RawHttp.send(port, r.append("Connection: close\r\n\r\n").toString());
  }

  @Test
  void headAnswersAsGetWouldWithoutABody() throws Exception {
    HttpResponse<String> created = t.send("POST", "/gadgets", "{\"code\":\"g1\"}");
    String item = created.headers().firstValue("Location").orElseThrow();
    for (String path :
        List.of(
            item,
            "/gadgets/3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "/gadgets/not-a-uuid",
            "/gadgets?limit=0",
            "/gadgets",
            "/_health/ready",
            "/_health/live",
            "/_health/checks/flaky",
            "/_health/checks/nope",
            "/_sql/health",
            "/mine",
            "/openapi.json",
            "/nowhere")) {
      RawHttp get = raw("GET", path);
      RawHttp head = raw("HEAD", path);
      assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
      assertThat(head.body()).as("HEAD " + path + " has no body").isEmpty();
      assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
      assertThat(head.header("ETag")).as(path).isEqualTo(get.header("ETag"));
      if (path.startsWith("/gadgets")) {
        // Elsewhere bodies differ between the two calls: probes carry a latency, a 404 for an
        // unknown route names the method.
        assertThat(head.header("Content-Length")).as(path).isEqualTo(get.header("Content-Length"));
      }
      assertThat(head.header("X-Request-Id")).as(path).isNotNull();
    }
    assertThat(raw("HEAD", "/_health/ready").status()).isEqualTo(503);
    assertThat(raw("HEAD", "/mine").status()).isEqualTo(503);
    healthy = true;
    assertThat(raw("HEAD", "/_health/ready").status()).isEqualTo(200);
    assertThat(
            raw(
                    "HEAD",
                    item,
                    "If-None-Match: " + created.headers().firstValue("ETag").orElseThrow())
                .status())
        .isEqualTo(304);
  }

  @Test
  void methodNotAllowedNamesTheAllowedMethods() throws Exception {
    RawHttp collection = raw("DELETE", "/gadgets");
    assertThat(collection.status()).isEqualTo(405);
    assertThat(collection.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(collection.header("Content-Type")).startsWith("application/problem+json");
    RawHttp item = raw("PUT", "/gadgets/3fa85f64-5717-4562-b3fc-2c963f66afa6");
    assertThat(item.status()).isEqualTo(405);
    assertThat(item.header("Allow")).isEqualTo("GET, HEAD, PATCH, DELETE");
    assertThat(raw("POST", "/_health/ready").header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void brokenBodiesAre400() throws Exception {
    String[] requests = {
      // Shorter than its Content-Length: the client closed after part of it.
      "POST /gadgets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"code\":\"short\"}",
      "PATCH /ledgers/1 HTTP/1.1\r\nHost: x\r\nX-Tenant-Id: a\r\nContent-Length: 50\r\n\r\n{",
      // A chunk size that is not hexadecimal.
      "POST /gadgets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{\"code\":\"x\"}\r\n0\r\n\r\n",
      // A chunk announcing more bytes than arrive before the end.
      "POST /gadgets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"code\":\"x\"}",
      // Chunk data not followed by CRLF.
      "POST /gadgets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n3\r\n{}Xjunk\r\n0\r\n\r\n"
    };
    for (String request : requests) {
      RawHttp r = RawHttp.send(port, request);
      assertThat(r.status()).as(request).isEqualTo(400);
      assertThat(r.header("Content-Type")).as(request).startsWith("application/problem+json");
      assertThat(r.header("X-Request-Id")).as(request).isNotNull();
      assertThat(r.body())
          .as(request)
          .doesNotContain("Exception")
          .doesNotContain("<html")
          .contains("body_malformed");
    }
    assertThat(t.send("GET", "/gadgets", null).body()).contains("\"total\":0");
  }

  @Test
  void errorsBeforeRoutingCarryARequestId() throws Exception {
    for (String request :
        List.of(
            "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n")) {
      RawHttp r = RawHttp.send(port, request);
      assertThat(r.status()).as(request).isBetween(400, 499);
      assertThat(r.header("X-Request-Id")).as(request).matches("[0-9a-f-]{36}");
    }
    // A request Jetty refuses may not have had its headers read: it gets a new id, always.
    RawHttp fresh =
        RawHttp.send(
            port, "GET /a/%2e%2e/%2e%2e/b HTTP/1.1\r\nHost: x\r\n" + "X-Request-Id: abc-1\r\n\r\n");
    assertThat(fresh.status()).isEqualTo(400);
    assertThat(fresh.header("X-Request-Id")).matches("[0-9a-f-]{36}");
  }

  @Test
  void aRequestNamesExactlyOneTenantOfAcceptableLength() throws Exception {
    assertThat(raw("GET", "/ledgers", "X-Tenant-Id: acme").status()).isEqualTo(200);
    assertThat(raw("GET", "/ledgers", "X-Tenant-Id: acme", "X-Tenant-Id: acme").status())
        .isEqualTo(200);
    for (String[] headers :
        new String[][] {
          {"X-Tenant-Id: acme", "X-Tenant-Id: other"},
          {"X-Tenant-Id: acme", "x-tenant-id: ACME"},
          {"X-Tenant-Id: acme,other"},
          {"X-Tenant-Id: " + "t".repeat(65)},
          {"X-Tenant-Id: " + "t".repeat(TenantResolver.MAX_LENGTH + 1)}
        }) {
      for (String method : List.of("GET", "POST")) {
        RawHttp r =
            method.equals("GET")
                ? raw("GET", "/ledgers", headers)
                : RawHttp.send(
                    port,
                    "POST /ledgers HTTP/1.1\r\nHost: x\r\n"
                        + String.join("\r\n", headers)
                        + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 15\r\nConnection: close\r\n\r\n{\"name\":\"cash\"}");
        assertThat(r.status()).as(method + " " + String.join(" | ", headers)).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":\"tenant_invalid\"");
      }
    }
    assertThat(raw("GET", "/ledgers", "X-Tenant-Id: " + "t".repeat(64)).status()).isEqualTo(200);
    assertThat(t.send("GET", "/ledgers", null, "X-Tenant-Id", "acme").body())
        .contains("\"total\":0");
  }

  @Test
  void anEmptyCursorIsTheFirstKeysetSlice() throws Exception {
    for (int i = 0; i < 3; i++) {
      t.send("POST", "/ledgers", "{\"name\":\"n" + i + "\"}", "X-Tenant-Id", "acme");
    }
    HttpResponse<String> first =
        t.send("GET", "/ledgers?cursor=&order_by=id&limit=2", null, "X-Tenant-Id", "acme");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body())
        .contains("\"next_cursor\":\"")
        .contains("\"name\":\"n0\"")
        .contains("\"name\":\"n1\"")
        .doesNotContain("\"name\":\"n2\"");
    assertThat(t.send("GET", "/ledgers?cursor=", null, "X-Tenant-Id", "acme").body())
        .contains("\"next_cursor\":null");
    HttpResponse<String> mixed =
        t.send("GET", "/ledgers?cursor=&offset=1", null, "X-Tenant-Id", "acme");
    assertThat(mixed.statusCode()).isEqualTo(422);
    assertThat(mixed.body()).contains("\"field\":\"cursor\"");
  }
}
