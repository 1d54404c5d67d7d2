package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.javalin.SqlPlugin;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 2: far more concurrent slow requests than pool connections. Requests that wait longer than
 * {@code DB_POOL_TIMEOUT} get a 503 problem, nothing deadlocks (not even handlers that use a second
 * session inside the request), and the service recovers by itself.
 */
class PoolExhaustionTest {
  private static final int POOL = 2;
  private static final int POOL_TIMEOUT_S = 1;
  private static final int CONCURRENT = 24;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void slowRequestsBeyondThePoolGet503AndTheServiceRecovers() throws Exception {
    Env env =
        Env.of(
            Map.of(
                "SQL_URL",
                TestServices.newPostgresDatabase(),
                "DB_POOL_SIZE",
                String.valueOf(POOL),
                "DB_POOL_TIMEOUT",
                String.valueOf(POOL_TIMEOUT_S)));
    Database db = Database.open(DatabaseSettings.from(env));
    Javalin app =
        Javalin.create(
                config -> {
                  config.registerPlugin(new SqlPlugin(sql -> sql.database = db));
                  config.routes.get(
                      "/slow",
                      SqlPlugin.transactional(
                          ctx -> {
                            SqlPlugin.session(ctx).query("SELECT pg_sleep(0.5)", rs -> 1);
                            ctx.result("{}");
                          }));
                  // A nested transaction joins the request's: it must not need a second connection.
                  config.routes.get(
                      "/nested",
                      SqlPlugin.transactional(
                          ctx -> {
                            SqlPlugin.database(ctx)
                                .inTransaction(tx -> tx.query("SELECT pg_sleep(0.5)", rs -> 1));
                            ctx.result("{}");
                          }));
                  // A handler that holds the request's connection and borrows another: with every
                  // connection held this way, the second borrow must time out instead of waiting
                  // forever.
                  config.routes.get(
                      "/second",
                      SqlPlugin.transactional(
                          ctx -> {
                            SqlPlugin.session(ctx).query("SELECT 1", rs -> 1);
                            try (Connection c = SqlPlugin.database(ctx).connection();
                                Statement st = c.createStatement()) {
                              st.execute("SELECT pg_sleep(0.5)");
                            }
                            ctx.result("{}");
                          }));
                })
            .start("127.0.0.1", 0);
    Map<String, Object> figures = new LinkedHashMap<>();
    int total = 0;
    try {
      Http http = new Http(app.port(), Duration.ofSeconds(60));
      for (String path : List.of("/slow", "/nested", "/second")) {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        List<Callable<Http.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
          calls.add(() -> http.get(path));
        }
        long start = System.nanoTime();
        List<Future<Http.Reply>> futures = pool.invokeAll(calls, 60, TimeUnit.SECONDS);
        long wall = Duration.ofNanos(System.nanoTime() - start).toMillis();
        pool.shutdown();
        int ok = 0;
        int unavailable = 0;
        for (Future<Http.Reply> f : futures) {
          assertThat(f.isCancelled()).as("%s: a request hung (deadlock?)", path).isFalse();
          Http.Reply r = f.get();
          total++;
          if (r.status() == 200) {
            ok++;
            continue;
          }
          assertThat(r.status()).as("%s: %s", path, r).isEqualTo(503);
          assertThat(r.isProblem()).as("problem body: %s", r).isTrue();
          assertThat(r.header("Retry-After")).as("Retry-After: %s", r).isNotNull();
          assertThat(r.json().path("code").asText()).isEqualTo("pool_exhausted");
          assertThat(r.latency().toMillis())
              .as("503 only after the pool timeout: %s", r)
              .isGreaterThanOrEqualTo(POOL_TIMEOUT_S * 1000L - 100);
          unavailable++;
        }
        assertThat(unavailable).as("%s: requests beyond the pool got 503", path).isPositive();
        if (!path.equals("/second")) {
          assertThat(ok).as("%s: the pool still served some", path).isGreaterThanOrEqualTo(POOL);
        }
        // Recovery: with the burst over, every request succeeds again, one after the other.
        for (int i = 0; i < 5; i++) {
          Http.Reply r = http.get(path.equals("/second") ? "/slow" : path);
          total++;
          assertThat(r.status()).as("after the burst on %s: %s", path, r).isEqualTo(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.activeConnections() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(db.activeConnections()).as("active connections after %s", path).isZero();
        figures.put(
            path + " burst",
            CONCURRENT
                + " concurrent on "
                + POOL
                + " connections: "
                + ok
                + " × 200, "
                + unavailable
                + " × 503 pool_exhausted, all answered in "
                + wall
                + " ms");
      }
    } finally {
      app.stop();
    }
    figures.put("requests survived", total);
    ReliabilityReport.record(
        "2-pool-exhaustion",
        "2. Pool exhaustion",
        figures,
        0,
        "A service with a pool of "
            + POOL
            + " connections and `DB_POOL_TIMEOUT="
            + POOL_TIMEOUT_S
            + "` gets bursts of "
            + CONCURRENT
            + " concurrent 0.5 s requests: plain, with a "
            + "nested transaction (joins the request's), and holding the request's connection "
            + "while borrowing a second. Asserted: no request hangs, every failure is a 503 "
            + "`pool_exhausted` problem with Retry-After answered after the pool timeout, the "
            + "next requests all succeed and the active count returns to 0.");
  }
}
