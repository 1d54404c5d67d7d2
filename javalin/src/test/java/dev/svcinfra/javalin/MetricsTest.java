package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /metrics} (issue 21): exact counts after a known request mix, labels from route templates
 * only, statement meters on every database, pool gauges under load, the token guard, off by
 * default, and a clear refusal without the Prometheus registry.
 */
class MetricsTest {
  private static final String TOKEN = "t0ken-for-metrics-0123456789";
  private static final String SECRET = "s3cr3t-body-value";
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private TestApp app(Database db, Consumer<SqlPlugin.Config> more) {
    TestApp.createTables(db, Memo.class);
    TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.metricsPath = "/metrics";
              sql.resource(SqlResource.of(Memo.class).prefix("/memos").build());
              more.accept(sql);
            },
            config ->
                config.routes.get(
                    "/slow",
                    SqlPlugin.transactional(
                        ctx -> {
                          SqlPlugin.session(ctx).query("SELECT pg_sleep(1.5)", rs -> 1);
                          ctx.result("ok");
                        })));
    open.add(t);
    return t;
  }

  private static PrometheusText scrape(TestApp t, String... headers) throws Exception {
    HttpResponse<String> r = t.send("GET", "/metrics", null, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(r.body());
  }

  private static Map<String, String> http(String method, String route, int status) {
    return Map.of("method", method, "route", route, "status", Integer.toString(status));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aKnownRequestMixIsCountedExactlyWithRouteTemplates(TestDatabase kind) throws Exception {
    Database db = kind.open();
    TestApp t = app(db, sql -> {});
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> created =
          t.send("POST", "/memos", "{\"text\":\"" + SECRET + i + "\"}", "X-Tenant-Id", "acme");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      ids.add(
          JsonCodec.tree(created.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .get("id")
              .asText());
    }
    for (String id : ids.subList(0, 2)) {
      assertThat(t.send("GET", "/memos/" + id, null, "X-Tenant-Id", "acme").statusCode())
          .isEqualTo(200);
    }
    assertThat(t.send("GET", "/memos/987654321", null, "X-Tenant-Id", "acme").statusCode())
        .isEqualTo(404);
    assertThat(t.send("GET", "/no/such/path/4242", null).statusCode()).isEqualTo(404);
    assertThat(t.send("GET", "/another-%C3%A9-missing", null).statusCode()).isEqualTo(404);
    assertThat(t.send("GET", "/memos", null).statusCode()).isEqualTo(400); // no tenant

    PrometheusText p = scrape(t);
    String count = "svcinfra_http_requests_seconds_count";
    assertThat(p.value(count, http("POST", "/memos", 201))).isEqualTo(3);
    assertThat(p.value(count, http("GET", "/memos/{id}", 200))).isEqualTo(2);
    assertThat(p.value(count, http("GET", "/memos/{id}", 404))).isEqualTo(1);
    assertThat(p.value(count, http("GET", "/memos", 400))).isEqualTo(1);
    assertThat(p.value(count, http("GET", RequestObservers.NOT_FOUND, 404))).isEqualTo(2);
    assertThat(p.types).containsEntry("svcinfra_http_requests_seconds", "histogram");
    // Labels never carry a raw path, an id, a body value or anything the request made up.
    for (PrometheusText.Sample s : p.samples) {
      for (String value : s.labels().values()) {
        assertThat(value).doesNotContain("4242", "987654321", "missing", SECRET);
        ids.forEach(id -> assertThat(value).isNotEqualTo(id));
      }
    }
    // Statements by resource and operation: three inserts (and their reads) on memos.
    Map<String, String> inserts =
        Map.of("resource", "memos", "operation", "insert", "outcome", "success");
    assertThat(p.value("svcinfra_db_statements_seconds_count", inserts)).isEqualTo(3);
    assertThat(p.named("svcinfra_db_statements_seconds_count"))
        .allSatisfy(
            s -> assertThat(s.labels()).containsOnlyKeys("resource", "operation", "outcome"));
    assertThat(p.value("svcinfra_migrations_applied_total", Map.of())).isZero();
    assertThat(p.named("hikaricp_connections_active")).isNotEmpty();
    assertThat(p.types).containsKeys("hikaricp_connections_pending", "hikaricp_connections_idle");
  }

  @Test
  void healthResultsAndTheScrapeItselfAreCounted() throws Exception {
    TestApp t = app(TestDatabase.POSTGRESQL.open(), sql -> {});
    assertThat(t.send("GET", "/_sql/health", null).statusCode()).isEqualTo(200);
    assertThat(t.send("GET", "/_sql/health", null).statusCode()).isEqualTo(200);
    scrape(t);
    PrometheusText p = scrape(t);
    Map<String, String> healthy = Map.of("check", "database", "status", "healthy");
    assertThat(p.value("svcinfra_health_checks_total", healthy)).isEqualTo(2);
    assertThat(p.value("svcinfra_health_status", Map.of("check", "database"))).isEqualTo(1);
    assertThat(p.value("svcinfra_http_requests_seconds_count", http("GET", "/metrics", 200)))
        .isEqualTo(1);
  }

  @Test
  void healthPluginResultsAreCountedPerCheck() throws Exception {
    Database db = TestDatabase.SQLITE.open();
    dev.svcinfra.health.HealthRegistry registry =
        new dev.svcinfra.health.HealthRegistry()
            .add("database", dev.svcinfra.health.DatabaseCheck.of(db))
            .add(
                "cache",
                () -> dev.svcinfra.health.CheckResult.degraded("warming up"),
                false,
                java.time.Duration.ofSeconds(1));
    TestApp.createTables(db, Memo.class);
    // The health plugin first: it and the SQL plugin find each other whichever comes first.
    TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.metricsPath = "/metrics";
            },
            config -> config.registerPlugin(new HealthPlugin(h -> h.registry = registry)));
    open.add(t);
    open.add(registry);
    assertThat(t.send("GET", "/_health/ready", null).statusCode()).isEqualTo(200);
    assertThat(t.send("GET", "/_health/checks/cache", null).statusCode()).isEqualTo(200);
    assertThat(t.send("GET", "/_health/checks/nope", null).statusCode()).isEqualTo(404);
    PrometheusText p = scrape(t);
    assertThat(
            p.value("svcinfra_health_checks_total", Map.of("check", "cache", "status", "degraded")))
        .isEqualTo(2);
    assertThat(
            p.value(
                "svcinfra_health_checks_total", Map.of("check", "database", "status", "healthy")))
        .isEqualTo(1);
    assertThat(p.value("svcinfra_health_status", Map.of("check", "cache"))).isEqualTo(0.5);
    assertThat(p.named("svcinfra_health_checks_total"))
        .noneSatisfy(s -> assertThat(s.labels().get("check")).isEqualTo("nope"));
  }

  @Test
  void statementTimeoutsAreCounted() throws Exception {
    TestApp t =
        app(
            TestDatabase.POSTGRESQL.open(),
            sql -> sql.statementTimeout = java.time.Duration.ofMillis(300));
    HttpResponse<String> slow = t.send("GET", "/slow", null);
    assertThat(slow.body()).contains("statement_timeout");
    assertThat(t.send("GET", "/slow", null).body()).contains("statement_timeout");
    PrometheusText p = scrape(t);
    Map<String, String> select = Map.of("resource", "none", "operation", "select");
    assertThat(p.value("svcinfra_db_statement_timeouts_total", select)).isEqualTo(2);
    assertThat(
            p.value(
                "svcinfra_db_statements_seconds_count",
                Map.of("resource", "none", "operation", "select", "outcome", "error")))
        .isEqualTo(2);
    assertThat(
            p.value(
                "svcinfra_http_requests_seconds_count", http("GET", "/slow", slow.statusCode())))
        .isEqualTo(2);
  }

  @Test
  void poolGaugesMoveUnderLoad() throws Exception {
    Database db = TestDatabase.POSTGRESQL.open(); // a pool of 3
    TestApp t = app(db, sql -> {});
    List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      load.add(CompletableFuture.supplyAsync(() -> send(t, "/slow")));
    }
    Map<String, String> pool = Map.of("pool", "svc-infra-primary");
    // HikariCP refreshes its pool statistics at most once a second: poll.
    double active = 0;
    double pending = 0;
    for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
      PrometheusText p = scrape(t);
      active = Math.max(active, p.value("hikaricp_connections_active", pool));
      pending = Math.max(pending, p.value("hikaricp_connections_pending", pool));
      if (active == 3 && pending >= 1) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(active).isEqualTo(3);
    assertThat(pending).isGreaterThanOrEqualTo(1);
    for (CompletableFuture<HttpResponse<String>> f : load) {
      assertThat(f.get().statusCode()).isEqualTo(200);
    }
    double after = -1;
    for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
      after = scrape(t).value("hikaricp_connections_active", pool);
      if (after == 0) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(after).isZero();
    PrometheusText p = scrape(t);
    assertThat(p.value("hikaricp_connections_usage_seconds_count", pool)).isGreaterThanOrEqualTo(5);
    assertThat(p.value("svcinfra_http_requests_seconds_count", http("GET", "/slow", 200)))
        .isEqualTo(5);
  }

  private static HttpResponse<String> send(TestApp t, String path) {
    try {
      return t.send("GET", path, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void metricsAreOffByDefault() throws Exception {
    Database db = TestDatabase.SQLITE.open();
    TestApp.createTables(db, Memo.class);
    TestApp t = new TestApp(sql -> sql.database = db, config -> {});
    open.add(t);
    assertThat(t.send("GET", "/metrics", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aTokenGuardsTheScrapeAndNeverShowsInIt() throws Exception {
    TestApp t = app(TestDatabase.SQLITE.open(), sql -> sql.metricsToken = TOKEN);
    HttpResponse<String> none = t.send("GET", "/metrics", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
    assertThat(none.body()).doesNotContain("svcinfra_");
    assertThat(t.send("GET", "/metrics", null, "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(
            t.send("GET", "/metrics", null, "Authorization", "Bearer " + TOKEN.toUpperCase())
                .statusCode())
        .isEqualTo(401);
    assertThat(t.send("GET", "/metrics", null, "Authorization", TOKEN).statusCode()).isEqualTo(401);
    // The scheme is case-insensitive (RFC 9110).
    assertThat(t.send("GET", "/metrics", null, "Authorization", "bearer " + TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(
            t.send("GET", "/metrics", null, "Authorization", "Bearer " + TOKEN + "x").statusCode())
        .isEqualTo(401);
    HttpResponse<String> ok = t.send("GET", "/metrics", null, "Authorization", "Bearer " + TOKEN);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).doesNotContain(TOKEN);
    PrometheusText p = PrometheusText.parse(ok.body());
    assertThat(p.value("svcinfra_http_requests_seconds_count", http("GET", "/metrics", 401)))
        .isEqualTo(5);
  }

  @Test
  void onOneConnectionEachRequestIsJudgedByItsOwnToken() throws Exception {
    TestApp t = app(TestDatabase.SQLITE.open(), sql -> sql.metricsToken = TOKEN);
    String request = "GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n\r\n";
    String valid = "Bearer " + TOKEN;
    String upper = "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT);
    RawHttp validFirst =
        RawHttp.send(t.app.port(), request.formatted(valid) + request.formatted(upper));
    RawHttp upperFirst =
        RawHttp.send(t.app.port(), request.formatted(upper) + request.formatted(valid));
    assertThat(statuses(validFirst)).containsExactly("200", "401");
    assertThat(statuses(upperFirst)).containsExactly("401", "200");
  }

  private static List<String> statuses(RawHttp r) {
    return java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3})")
        .matcher(r.head() + "\r\n\r\n" + r.body())
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  @Test
  void anUnusableTokenStopsStartWithoutShowingIt() {
    Database db = TestDatabase.SQLITE.open();
    open.add(db);
    String shortToken = "abc defgh";
    assertThatThrownBy(
            () ->
                new TestApp(
                    sql -> {
                      sql.database = db;
                      sql.metricsPath = "/metrics";
                      sql.metricsToken = shortToken;
                    },
                    config -> {}))
        .hasStackTraceContaining("metricsToken must be 16 to 512 printable ASCII")
        .satisfies(e -> assertThat(stackOf(e)).doesNotContain(shortToken));
  }

  private static String stackOf(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  @Test
  void withoutThePrometheusRegistryEnabledMetricsAreAClearError() {
    ClassLoader bootstrapOnly = new ClassLoader(null) {};
    assertThatThrownBy(() -> MetricsRoute.requireRegistry(bootstrapOnly))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("io.micrometer:micrometer-registry-prometheus");
    MetricsRoute.requireRegistry(MetricsTest.class.getClassLoader()); // present here
  }

  @Test
  void theParserRefusesWhatAScraperWould() {
    String ok = "# TYPE a counter\na_total 1\n".replace("a_total", "a");
    assertThat(PrometheusText.parse(ok).value("a", Map.of())).isEqualTo(1);
    for (String bad :
        List.of(
            "a 1\n", // no TYPE
            "# TYPE a counter\na{x=\"1} 1\n", // unterminated value
            "# TYPE a counter\na{x=\"\\t\"} 1\n", // bad escape
            "# TYPE a counter\na{x=\"1\",x=\"2\"} 1\n", // label twice
            "# TYPE a counter\na one\n", // not a number
            "# TYPE a counter\na 1", // no final line feed
            "# TYPE a wobble\na 1\n", // unknown type
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n")) {
      assertThatThrownBy(() -> PrometheusText.parse(bad))
          .as(bad)
          .isInstanceOf(RuntimeException.class);
    }
  }
}
