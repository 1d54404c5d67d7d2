package dev.svcinfra.bench.vertx;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Starts the Vert.x peer: {@code SQL_URL} (a {@code postgresql://} URI), {@code DB_POOL_SIZE}
 * (default 10) and {@code PORT} (default 8080) from the environment. One {@link UsersVerticle} per
 * available processor serves HTTP on its own event loop; all share one pool.
 *
 * <pre>{@code
 * SQL_URL=postgresql://postgres@127.0.0.1:5432/bench PORT=8086 java -jar bench/vertx/target/vertx.jar
 * curl localhost:8086/health
 * }</pre>
 *
 * @since 0.1
 */
public final class VertxApp {
  private VertxApp() {}

  public static void main(String[] args) {
    String uri =
        System.getenv().getOrDefault("SQL_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
    int poolSize = Integer.parseInt(System.getenv().getOrDefault("DB_POOL_SIZE", "10"));
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    Vertx vertx = Vertx.vertx();
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(poolSize))
            .connectingTo(PgConnectOptions.fromUri(uri))
            .using(vertx)
            .build();
    int instances = Runtime.getRuntime().availableProcessors();
    vertx
        .deployVerticle(
            () -> new UsersVerticle(pool, port), new DeploymentOptions().setInstances(instances))
        .onFailure(
            e -> {
              System.err.println("start failed: " + e);
              vertx.close();
              System.exit(1);
            });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
  }
}
