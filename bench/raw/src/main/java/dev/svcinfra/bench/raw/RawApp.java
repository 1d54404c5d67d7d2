package dev.svcinfra.bench.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/**
 * Starts the raw baseline: {@code JDBC_URL}, {@code DB_USER}, {@code DB_PASSWORD}, {@code
 * DB_POOL_SIZE} (default 10) and {@code PORT} (default 8080) from the environment. Virtual threads
 * are switched on when the runtime has them (21+), as the generated resources do.
 *
 * <pre>{@code
 * JDBC_URL=jdbc:postgresql://127.0.0.1:5432/bench PORT=8081 java -jar bench/raw/target/raw.jar
 * curl localhost:8081/health
 * }</pre>
 *
 * @since 0.1
 */
public final class RawApp {
  private RawApp() {}

  public static void main(String[] args) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(env("JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    pool.setUsername(env("DB_USER", "postgres"));
    pool.setPassword(System.getenv("DB_PASSWORD"));
    pool.setMaximumPoolSize(Integer.parseInt(env("DB_POOL_SIZE", "10")));
    HikariDataSource dataSource = new HikariDataSource(pool);
    UserHandlers users = new UserHandlers(new UserSql(dataSource));
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    Javalin app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
              config.jsonMapper(new JavalinJackson(json, false));
              config.routes.get(
                  "/health",
                  ctx -> {
                    try (Connection c = dataSource.getConnection();
                        Statement s = c.createStatement()) {
                      s.execute("SELECT 1");
                    }
                    ctx.json(Map.of("status", "healthy"));
                  });
              config.routes.get("/users", users::list);
              config.routes.post("/users", users::create);
              config.routes.get("/users/{id}", users::get);
              config.routes.patch("/users/{id}", users::patch);
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  dataSource.close();
                }));
    app.start("127.0.0.1", Integer.parseInt(env("PORT", "8080")));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
