package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Structured request logs (issue 21): one JSON line per request with its fields, and the request id
 * in a slow statement's WARN. slf4j-simple writes to the standard error stream, read here.
 */
class RequestLogTest {
  private static List<String> lines(String err, String marker) {
    return err.lines().filter(l -> l.contains(marker)).toList();
  }

  private static JsonNode json(String line) {
    return JsonCodec.tree(line.substring(line.indexOf('{')).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneJsonLinePerRequestAndSlowStatementsNameTheirRequest() throws Exception {
    Database pg = TestDatabase.POSTGRESQL.open();
    Database db =
        Database.open(
            pg.settings(),
            StatementLogSettings.defaults().withSlowThreshold(Duration.ofMillis(20)));
    pg.close();
    TestApp.createTables(db, Memo.class);
    // The test classpath's simplelogger.properties (from the Mongo test-jar) logs WARN and up; the
    // request logger is created when the app is, after this.
    System.setProperty("org.slf4j.simpleLogger.log." + RequestLogLine.LOGGER, "info");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.requestLog = true;
              sql.resource(SqlResource.of(Memo.class).prefix("/memos").build());
            },
            config -> {
              config.routes.get(
                  "/slow/{n}",
                  SqlPlugin.transactional(
                      ctx -> {
                        SqlPlugin.session(ctx).query("SELECT pg_sleep(0.05)", rs -> 1);
                        ctx.result("ok");
                      }));
              config.routes.get(
                  "/boom",
                  ctx -> {
                    throw new IllegalStateException("boom");
                  });
            })) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      HttpResponse<String> slow =
          t.send("GET", "/slow/12345", null, "X-Request-Id", "req-slow-1", "X-Tenant-Id", "acme");
      assertThat(slow.statusCode()).isEqualTo(200);
      String tenant = "ac\"me\\x{}"; // HTTP header values are ASCII
      assertThat(t.send("GET", "/memos/999", null, "X-Tenant-Id", tenant).statusCode())
          .isEqualTo(404);
      HttpResponse<String> boom = t.send("GET", "/boom", null);
      assertThat(boom.statusCode()).isEqualTo(500);
      Thread.sleep(200); // the log line is written after the response
      String out = captured.toString(StandardCharsets.UTF_8);

      List<String> requests = lines(out, RequestLogLine.LOGGER);
      assertThat(requests).as(out).hasSize(3);
      JsonNode first = json(requests.get(0));
      assertThat(first.get("method").asText()).isEqualTo("GET");
      assertThat(first.get("route").asText()).isEqualTo("/slow/{n}");
      assertThat(first.get("status").asInt()).isEqualTo(200);
      assertThat(first.get("duration_ms").asDouble()).isGreaterThanOrEqualTo(50);
      assertThat(first.get("request_id").asText()).isEqualTo("req-slow-1");
      assertThat(first.get("tenant").asText()).isEqualTo("acme");
      assertThat(requests.get(0)).doesNotContain("12345");
      JsonNode second = json(requests.get(1));
      assertThat(second.get("route").asText()).isEqualTo("/memos/{id}");
      assertThat(second.get("status").asInt()).isEqualTo(404);
      assertThat(second.get("tenant").asText()).isEqualTo(tenant);
      JsonNode third = json(requests.get(2));
      assertThat(third.get("status").asInt()).isEqualTo(500);
      assertThat(third.get("tenant").isNull()).isTrue();
      assertThat(third.get("request_id").asText())
          .isEqualTo(boom.headers().firstValue("X-Request-Id").orElseThrow());

      List<String> warnings = lines(out, "slow statement");
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("request req-slow-1"));
    } finally {
      System.setErr(err);
      db.close();
    }
  }
}
