package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The database failing under a request: no URL (start-up fails), down (503 + Retry-After), pool
 * exhausted (503), statement timeout (503), and {@code /_sql/health} reporting it.
 */
class DatabaseFailureResponsesTest {

  @Test
  void noConfiguredDatabaseFailsAtCreateWithTheResolversMessage() {
    assertThatThrownBy(
            () ->
                Javalin.create(
                    config ->
                        config.registerPlugin(new SqlPlugin(sql -> sql.env = Env.of(Map.of())))))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> assertThat(((ConfigException) e).code()).isEqualTo(ErrorCode.DATABASE_URL_MISSING))
        .hasMessageContaining("SQL_URL");
  }

  @Test
  void aDownDatabaseIs503WithRetryAfterAndAnUnhealthyCheck() throws Exception {
    Env env = Env.of(Map.of("DB_CONNECT_TIMEOUT", "1", "DB_POOL_TIMEOUT", "1"));
    DatabaseSettings settings =
        DatabaseSettings.from(
            new ResolvedUrl(
                DatabaseUrl.parse(
                    "postgresql://postgres:hunter2@127.0.0.1:1/nowhere?sslmode=disable"),
                "test"),
            env);
    Database db = Database.open(settings);
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.healthTimeout = Duration.ofSeconds(1);
              sql.resource(SqlResource.of(Gadget.class).build());
            },
            config -> {})) {
      HttpResponse<String> list = t.send("GET", "/gadgets", null);
      assertThat(list.statusCode()).isEqualTo(503);
      assertThat(list.headers().firstValue("Retry-After")).contains("5");
      assertThat(list.body())
          .contains("\"code\":\"database_unavailable\"")
          .doesNotContain("hunter2")
          .doesNotContain("127.0.0.1")
          .doesNotContain("Exception");
      HttpResponse<String> health = t.send("GET", "/_sql/health", null);
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"status\":\"unhealthy\"").doesNotContain("hunter2");
    }
  }

  @Test
  void anExhaustedPoolIs503() throws Exception {
    Env env = Env.of(Map.of("DB_POOL_SIZE", "1", "DB_MAX_OVERFLOW", "0", "DB_POOL_TIMEOUT", "1"));
    Database db =
        Database.open(
            DatabaseSettings.from(
                new ResolvedUrl(DatabaseUrl.parse(TestServices.postgresUrl()), "test"), env));
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config -> {
              config.routes.get(
                  "/slow",
                  SqlPlugin.transactional(
                      ctx -> SqlPlugin.session(ctx).query("SELECT pg_sleep(3)", rs -> 1)));
              config.routes.get(
                  "/fast",
                  SqlPlugin.transactional(
                      ctx -> SqlPlugin.session(ctx).query("SELECT 1", rs -> 1)));
            })) {
      CompletableFuture<HttpResponse<String>> slow =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return t.send("GET", "/slow", null);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      for (int i = 0; i < 100 && db.activeConnections() == 0; i++) {
        Thread.sleep(20);
      }
      HttpResponse<String> fast = t.send("GET", "/fast", null);
      assertThat(fast.statusCode()).isEqualTo(503);
      assertThat(fast.headers().firstValue("Retry-After")).isPresent();
      assertThat(fast.body()).contains("\"code\":\"pool_exhausted\"");
      assertThat(slow.get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aStatementTimeoutIs503() throws Exception {
    // DB_STATEMENT_TIMEOUT_MS reaches request transactions without any plugin setting.
    Env env =
        Env.of(Map.of("SQL_URL", TestServices.postgresUrl(), "DB_STATEMENT_TIMEOUT_MS", "200"));
    try (TestApp t =
        new TestApp(
            sql -> sql.env = env,
            config ->
                config.routes.get(
                    "/slow",
                    SqlPlugin.transactional(
                        ctx -> SqlPlugin.session(ctx).query("SELECT pg_sleep(5)", rs -> 1))))) {
      Database db = t.app.unsafe.appDataManager.get(SqlContext.KEY).database();
      long start = System.nanoTime();
      HttpResponse<String> r = t.send("GET", "/slow", null);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(r.body()).contains("\"code\":\"statement_timeout\"");
      assertThat(db.activeConnections()).isZero();
    }
  }
}
