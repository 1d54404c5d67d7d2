package dev.svcinfra.bench.idiomatic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/**
 * Starts the idiomatic baseline (a'): {@code JDBC_URL}, {@code DB_USER}, {@code DB_PASSWORD},
 * {@code DB_POOL_SIZE} (default 10) and {@code PORT} (default 8080) from the environment. Javalin
 * runs requests on virtual threads when the runtime has them (21+).
 *
 * <pre>{@code
 * JDBC_URL=jdbc:postgresql://127.0.0.1:5432/bench PORT=8085 java -jar bench/idiomatic/target/idiomatic.jar
 * curl localhost:8085/health
 * }</pre>
 *
 * @since 0.1
 */
public final class IdiomaticApp {
  private IdiomaticApp() {}

  public static void main(String[] args) {
    HikariDataSource pool = pool(Integer.parseInt(setting("DB_POOL_SIZE", "10")));
    ObjectMapper json =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    UserRoutes routes = new UserRoutes(new PersonTable(pool, json));
    Javalin app =
        Javalin.create(
            c -> {
              c.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
              c.jsonMapper(new JavalinJackson(json, false));
              routes.install(c);
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  pool.close();
                }));
    app.start("127.0.0.1", Integer.parseInt(setting("PORT", "8080")));
  }

  /** The connection pool; the password, if any, only from the environment. */
  private static HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(size);
    config.setUsername(setting("DB_USER", "postgres"));
    config.setPassword(System.getenv("DB_PASSWORD"));
    config.setJdbcUrl(setting("JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    config.setPoolName("users");
    return new HikariDataSource(config);
  }

  private static String setting(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }
}
