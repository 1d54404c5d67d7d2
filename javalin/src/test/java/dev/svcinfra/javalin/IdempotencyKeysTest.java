package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.config.IdempotencySettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Idempotency-Key} over HTTP on a generated resource and on hand-written transactional
 * routes: replay with {@code Idempotent-Replayed: true}, 422 for another request with the key, 409
 * while the first runs, 400 for a malformed key, errors not stored, a failure after the write
 * retryable, expiry, tenant scoping, and requests without the header untouched.
 */
class IdempotencyKeysTest {
  private static final String KEY = "Idempotency-Key";

  @TempDir Path dir;

  private final MovableClock clock = new MovableClock();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile CountDownLatch slowEntered = new CountDownLatch(1);
  private volatile CountDownLatch slowRelease = new CountDownLatch(1);
  private Database db;
  private TestApp app;

  /** A clock the test moves, for expiry. */
  static final class MovableClock extends Clock {
    private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() {
    db = Database.open("sqlite:///" + dir.resolve("idem.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class, Memo.class);
    db.useTransaction(
        tx -> {
          for (String sql : db.dialect().createTableStatements(IdempotencyRecord.table())) {
            tx.execute(sql);
          }
          tx.execute("CREATE TABLE marks (name VARCHAR(40) NOT NULL)");
        });
    app =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.clock = clock;
              sql.idempotency = IdempotencySettings.defaults().withTtl(Duration.ofHours(1));
              sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
              sql.resource(SqlResource.of(Memo.class).prefix("/memos").build());
            },
            config -> {
              config.routes.post(
                  "/marks",
                  SqlPlugin.transactional(
                      ctx -> {
                        Mark m = SqlPlugin.body(ctx, Mark.class);
                        SqlPlugin.session(ctx).execute("INSERT INTO marks VALUES (?)", m.name());
                        if (failuresLeft.getAndDecrement() > 0) {
                          // The write happened; the response is never stored.
                          throw new IllegalStateException("crash between write and response");
                        }
                        ctx.status(201).json(new Count(marks()));
                      }));
              config.routes.post(
                  "/slow",
                  SqlPlugin.transactional(
                      ctx -> {
                        SqlPlugin.session(ctx).execute("INSERT INTO marks VALUES (?)", "slow");
                        slowEntered.countDown();
                        slowRelease.await(30, TimeUnit.SECONDS);
                        ctx.status(201).result("slow done");
                      }));
            });
  }

  @AfterEach
  void stop() {
    app.close();
    assertThat(db.activeConnections()).isZero();
  }

  record Mark(String name) {}

  record Count(long marks) {}

  private long marks() {
    return db.inTransaction(
        tx -> tx.query("SELECT COUNT(*) FROM marks", rs -> rs.getLong(1)).get(0));
  }

  private long rows(String table) {
    return db.inTransaction(
        tx -> tx.query("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).get(0));
  }

  private static String replayed(HttpResponse<String> r) {
    return r.headers().firstValue("Idempotent-Replayed").orElse(null);
  }

  @Test
  void aRetryReplaysTheStoredResponseAndWritesNothing() throws Exception {
    String body = "{\"code\":\"g1\",\"count\":3}";
    HttpResponse<String> first = app.send("POST", "/gadgets", body, KEY, "k-1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(replayed(first)).isNull();
    HttpResponse<String> again =
        app.send("POST", "/gadgets", "{ \"count\": 3, \"code\": \"g1\" }", KEY, "\"k-1\"");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(replayed(again)).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    for (String h : new String[] {"Location", "ETag", "Content-Type"}) {
      assertThat(again.headers().firstValue(h)).as(h).isEqualTo(first.headers().firstValue(h));
    }
    assertThat(first.headers().firstValue("Location")).isPresent();
    assertThat(rows("gadgets")).isEqualTo(1);

    // Another body with the same key: refused, nothing written.
    HttpResponse<String> other =
        app.send("POST", "/gadgets", "{\"code\":\"g2\",\"count\":3}", KEY, "k-1");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.body()).contains("\"code\":\"idempotency_key_mismatch\"");
    assertThat(rows("gadgets")).isEqualTo(1);

    // Requests without the header behave as before: each one writes.
    assertThat(app.send("POST", "/gadgets", "{\"code\":\"g3\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> dup = app.send("POST", "/gadgets", "{\"code\":\"g3\"}");
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(replayed(dup)).isNull();
    assertThat(rows("gadgets")).isEqualTo(2);
  }

  @Test
  void patchIsReplayedWithItsEntityTag() throws Exception {
    JsonNode created =
        JsonCodec.MAPPER.readTree(app.send("POST", "/gadgets", "{\"code\":\"p\"}").body());
    String path = "/gadgets/" + created.get("id").asText();
    HttpResponse<String> first = app.send("PATCH", path, "{\"count\":1}", KEY, "patch-1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    // The row changes again without the key; the replay still answers what the first PATCH did.
    assertThat(app.send("PATCH", path, "{\"count\":2}").statusCode()).isEqualTo(200);
    HttpResponse<String> again = app.send("PATCH", path, "{\"count\":1}", KEY, "patch-1");
    assertThat(replayed(again)).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body()).contains("\"count\":1");
    assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
    // The same key on another row's path is another key.
    JsonNode other =
        JsonCodec.MAPPER.readTree(app.send("POST", "/gadgets", "{\"code\":\"q\"}").body());
    HttpResponse<String> elsewhere =
        app.send("PATCH", "/gadgets/" + other.get("id").asText(), "{\"count\":1}", KEY, "patch-1");
    assertThat(elsewhere.statusCode()).isEqualTo(200);
    assertThat(replayed(elsewhere)).isNull();
  }

  @Test
  void malformedKeysAreRefusedBeforeAnyWrite() throws Exception {
    for (String bad : new String[] {"", "two words", "k".repeat(256)}) {
      HttpResponse<String> r = app.send("POST", "/marks", "{\"name\":\"x\"}", KEY, bad);
      assertThat(r.statusCode()).as("[%s]", bad).isEqualTo(400);
      assertThat(r.body()).contains("\"code\":\"idempotency_key_invalid\"");
    }
    // Raw bytes, as the HTTP client would not send them: UTF-8 text, two different keys.
    for (String header :
        new String[] {
          KEY + ": caf\u00e9\r\n", KEY + ": a\r\n" + KEY + ": b\r\n", KEY + ": a, b\r\n"
        }) {
      RawHttp r =
          RawHttp.send(
              app.app.port(),
              "POST /marks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 12\r\nConnection: close\r\n"
                  + header
                  + "\r\n{\"name\":\"x\"}");
      assertThat(r.status()).as(header).isEqualTo(400);
      assertThat(r.body()).contains("\"code\":\"idempotency_key_invalid\"");
    }
    assertThat(marks()).isZero();
  }

  @Test
  void errorResponsesAreNotStoredAndTheKeyStaysUsable() throws Exception {
    HttpResponse<String> invalid =
        app.send("POST", "/gadgets", "{\"code\":\"e\",\"count\":\"many\"}", KEY, "err-1");
    assertThat(invalid.statusCode()).isEqualTo(422);
    HttpResponse<String> again =
        app.send("POST", "/gadgets", "{\"code\":\"e\",\"count\":\"many\"}", KEY, "err-1");
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(replayed(again)).isNull();
    // The failed request bound nothing: the corrected body goes through with the same key.
    HttpResponse<String> fixed =
        app.send("POST", "/gadgets", "{\"code\":\"e\",\"count\":2}", KEY, "err-1");
    assertThat(fixed.statusCode()).isEqualTo(201);
  }

  /** The handler writes, then fails before its response: the write is undone and a retry runs. */
  @Test
  void aFailureBetweenWriteAndResponseIsRetryable() throws Exception {
    failuresLeft.set(1);
    HttpResponse<String> crashed = app.send("POST", "/marks", "{\"name\":\"m\"}", KEY, "crash-1");
    assertThat(crashed.statusCode()).isEqualTo(500);
    assertThat(marks()).isZero();
    HttpResponse<String> retry = app.send("POST", "/marks", "{\"name\":\"m\"}", KEY, "crash-1");
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo("{\"marks\":1}");
    HttpResponse<String> replay = app.send("POST", "/marks", "{\"name\":\"m\"}", KEY, "crash-1");
    assertThat(replayed(replay)).isEqualTo("true");
    assertThat(replay.body()).isEqualTo("{\"marks\":1}");
    assertThat(replay.headers().firstValue("Content-Type"))
        .isEqualTo(retry.headers().firstValue("Content-Type"));
    assertThat(marks()).isEqualTo(1);
  }

  @Test
  void aKeyInUseIsAConflictUntilItsRequestFinished() throws Exception {
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return app.send("POST", "/slow", "{}", KEY, "slow-1");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(slowEntered.await(20, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    HttpResponse<String> busy = app.send("POST", "/slow", "{}", KEY, "slow-1");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(busy.statusCode()).isEqualTo(409);
    assertThat(busy.body()).contains("\"code\":\"idempotency_key_in_use\"");
    HttpResponse<String> otherBody = app.send("POST", "/slow", "{\"x\":1}", KEY, "slow-1");
    assertThat(otherBody.statusCode()).isEqualTo(422);
    slowRelease.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    HttpResponse<String> replay = app.send("POST", "/slow", "{}", KEY, "slow-1");
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replayed(replay)).isEqualTo("true");
    assertThat(replay.body()).isEqualTo("slow done");
    assertThat(marks()).isEqualTo(1);
  }

  @Test
  void keysExpire() throws Exception {
    assertThat(app.send("POST", "/marks", "{\"name\":\"a\"}", KEY, "exp-1").statusCode())
        .isEqualTo(201);
    clock.advance(Duration.ofMinutes(59));
    assertThat(replayed(app.send("POST", "/marks", "{\"name\":\"a\"}", KEY, "exp-1")))
        .isEqualTo("true");
    clock.advance(Duration.ofMinutes(1));
    HttpResponse<String> fresh = app.send("POST", "/marks", "{\"name\":\"b\"}", KEY, "exp-1");
    assertThat(fresh.statusCode()).isEqualTo(201);
    assertThat(replayed(fresh)).isNull();
    assertThat(marks()).isEqualTo(2);
  }

  @Test
  void tenantsHaveTheirOwnKeys() throws Exception {
    String body = "{\"text\":\"hello\"}";
    HttpResponse<String> a = app.send("POST", "/memos", body, KEY, "t-1", "X-Tenant-Id", "a");
    HttpResponse<String> b = app.send("POST", "/memos", body, KEY, "t-1", "X-Tenant-Id", "b");
    assertThat(a.statusCode()).isEqualTo(201);
    assertThat(b.statusCode()).isEqualTo(201);
    assertThat(replayed(b)).isNull();
    assertThat(b.body()).contains("\"tenant\":\"b\"");
    HttpResponse<String> againA = app.send("POST", "/memos", body, KEY, "t-1", "X-Tenant-Id", "a");
    assertThat(replayed(againA)).isEqualTo("true");
    assertThat(againA.body()).isEqualTo(a.body());
    // Without a tenant the request is refused before the key is looked at.
    HttpResponse<String> none = app.send("POST", "/memos", body, KEY, "t-1");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("tenant_context_missing");
    assertThat(rows("memos")).isEqualTo(2);
  }

  @Test
  void theOpenApiDocumentDescribesTheHeader() throws Exception {
    JsonNode doc = JsonCodec.MAPPER.readTree(app.send("GET", "/openapi.json", null).body());
    JsonNode param = doc.at("/components/parameters/IdempotencyKey");
    assertThat(param.get("name").asText()).isEqualTo("Idempotency-Key");
    assertThat(param.at("/schema/maxLength").asInt()).isEqualTo(255);
    for (String op : new String[] {"/paths/~1gadgets/post", "/paths/~1gadgets~1{id}/patch"}) {
      JsonNode o = doc.at(op);
      assertThat(o.get("parameters").toString())
          .as(op)
          .contains("#/components/parameters/IdempotencyKey");
      assertThat(o.at("/responses/409").isMissingNode()).isFalse();
      assertThat(o.at("/responses/422").isMissingNode()).isFalse();
      assertThat(o.at("/responses/400").isMissingNode()).isFalse();
    }
    assertThat(
            doc.at("/paths/~1gadgets/post/responses/201/headers/Idempotent-Replayed/$ref").asText())
        .isEqualTo("#/components/headers/IdempotentReplayed");
    assertThat(doc.at("/paths/~1gadgets/get/parameters").toString())
        .doesNotContain("IdempotencyKey");
  }
}
