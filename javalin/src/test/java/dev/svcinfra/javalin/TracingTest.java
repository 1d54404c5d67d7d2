package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TestDatabase;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenTelemetry spans (issue 21), exported by the SDK's in-memory exporter: a SERVER span per
 * request whose parent is the W3C {@code traceparent} the client sent, CLIENT spans for its
 * statements as children, semantic-convention attributes, and statement text without values.
 */
class TracingTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "b7ad6b7169203331";
  private static final String SECRET = "s3cr3t-memo-text";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private TestApp app;

  @BeforeEach
  void sdk() {
    GlobalOpenTelemetry.resetForTest();
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .buildAndRegisterGlobal();
  }

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
    sdk.close();
    GlobalOpenTelemetry.resetForTest();
  }

  private TestApp app(Database db) {
    TestApp.createTables(db, Memo.class);
    app =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.resource(SqlResource.of(Memo.class).prefix("/memos").build());
            },
            config ->
                config.routes.get(
                    "/literal/{n}",
                    SqlPlugin.transactional(
                        ctx -> {
                          SqlPlugin.session(ctx)
                              .query("SELECT 'hunter2' AS pw, 4242 AS n, 'it''s' AS t", rs -> 1);
                          ctx.result("ok");
                        })));
    return app;
  }

  /** The spans exported so far once one matches {@code done}: the SERVER span ends last. */
  private List<SpanData> spansOnce(Predicate<SpanData> done) throws InterruptedException {
    for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) {
      List<SpanData> spans = exporter.getFinishedSpanItems();
      if (spans.stream().anyMatch(done)) {
        return spans;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no such span among " + exporter.getFinishedSpanItems());
  }

  private static String attr(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.stringKey(key));
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void requestAndStatementSpansFollowTheTraceparent(TestDatabase kind) throws Exception {
    TestApp t = app(kind.open());
    HttpResponse<String> created =
        t.send(
            "POST",
            "/memos",
            "{\"text\":\"" + SECRET + "\"}",
            "X-Tenant-Id",
            "acme",
            "traceparent",
            "00-" + TRACE + "-" + PARENT + "-01");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    List<SpanData> spans = spansOnce(s -> s.getKind() == SpanKind.SERVER);

    SpanData request =
        spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(request.getName()).isEqualTo("POST /memos");
    assertThat(request.getTraceId()).isEqualTo(TRACE);
    assertThat(request.getParentSpanId()).isEqualTo(PARENT);
    assertThat(attr(request, "http.route")).isEqualTo("/memos");
    assertThat(attr(request, "http.request.method")).isEqualTo("POST");
    assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(201);

    List<SpanData> statements = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    assertThat(statements).isNotEmpty();
    assertThat(statements)
        .allSatisfy(
            s -> {
              assertThat(s.getTraceId()).isEqualTo(TRACE);
              assertThat(s.getParentSpanId()).isEqualTo(request.getSpanId());
              assertThat(attr(s, "db.system")).isEqualTo(kind.name().toLowerCase());
              assertThat(attr(s, "db.system.name")).isEqualTo(kind.name().toLowerCase());
              assertThat(s.getAttributes().toString()).doesNotContain(SECRET, "acme");
              assertThat(s.getStartEpochNanos())
                  .isGreaterThanOrEqualTo(request.getStartEpochNanos());
              assertThat(s.getEndEpochNanos()).isLessThanOrEqualTo(request.getEndEpochNanos());
            });
    SpanData insert =
        statements.stream()
            .filter(s -> "INSERT".equals(attr(s, "db.operation")))
            .findFirst()
            .orElseThrow();
    assertThat(insert.getName()).isEqualTo("INSERT memos");
    assertThat(attr(insert, "db.operation.name")).isEqualTo("INSERT");
    assertThat(attr(insert, "db.sql.table")).isEqualTo("memos");
    assertThat(attr(insert, "db.collection.name")).isEqualTo("memos");
    assertThat(attr(insert, "db.query.text")).startsWith("INSERT INTO").contains("?");
    assertThat(attr(insert, "db.statement")).isEqualTo(attr(insert, "db.query.text"));
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL"})
  void literalsAreMaskedAndABadTraceparentStartsANewTrace(TestDatabase kind) throws Exception {
    TestApp t = app(kind.open());
    HttpResponse<String> r = t.send("GET", "/literal/77", null, "traceparent", "00-zz-nonsense-01");
    assertThat(r.statusCode()).isEqualTo(200);
    List<SpanData> spans = spansOnce(s -> s.getKind() == SpanKind.SERVER);
    SpanData request =
        spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(request.getParentSpanContext().isValid()).isFalse();
    assertThat(request.getName()).isEqualTo("GET /literal/{n}");
    assertThat(attr(request, "http.route")).isEqualTo("/literal/{n}");
    SpanData select =
        spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(attr(select, "db.query.text")).isEqualTo("SELECT ? AS pw, ? AS n, ? AS t");
    assertThat(attr(select, "db.sql.table")).isNull();
    assertThat(select.getParentSpanId()).isEqualTo(request.getSpanId());

    exporter.reset();
    HttpResponse<String> missing = t.send("GET", "/memos/4242", null, "X-Tenant-Id", "acme");
    assertThat(missing.statusCode()).isEqualTo(404);
    SpanData notFound =
        spansOnce(s -> s.getKind() == SpanKind.SERVER).stream()
            .filter(s -> s.getKind() == SpanKind.SERVER)
            .findFirst()
            .orElseThrow();
    assertThat(notFound.getName()).isEqualTo("GET /memos/{id}");
    assertThat(notFound.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }
}
