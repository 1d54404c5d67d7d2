package dev.svcinfra.examples.quickstart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.health.RedisCheck;
import dev.svcinfra.javalin.HealthPlugin;
import dev.svcinfra.javalin.SqlPlugin;
import dev.svcinfra.javalin.SqlResource;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseUnavailableException;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.service.DedupeSqlService;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quickstart service: users, tenant-scoped notes and accounts with transfers over any SQL
 * database, with migrations, health probes, OpenAPI, Swagger UI and Prometheus metrics at {@code
 * /metrics} (behind {@code METRICS_TOKEN} when it is set).
 *
 * <pre>{@code
 * java -jar examples/quickstart/target/quickstart.jar            # SQLite in ./data/
 * SQL_URL=postgresql://app@localhost/app PORT=9000 java -jar quickstart.jar
 * }</pre>
 *
 * @since 0.1
 */
public final class QuickstartApp {
  private static final Logger LOG = LoggerFactory.getLogger(QuickstartApp.class);

  private QuickstartApp() {}

  /** Where the revisions are packaged: {@code src/main/resources/migrations/versions/}. */
  public static final String MIGRATIONS = "classpath:migrations";

  /**
   * Starts the service; any start-up failure (no database, a refused login, a drifted schema, a
   * port in use) is one line on stderr and exit status 1, no stack trace.
   */
  public static void main(String[] args) {
    try {
      start(Env.system());
    } catch (RuntimeException e) {
      System.err.println("quickstart: cannot start: " + SvcInfraException.reason(e));
      LOG.debug("start-up failed", e);
      System.exit(1);
    }
  }

  private static void start(Env env) {
    Database db = Database.open(databaseSettings(env, Path.of("")));
    try {
      // STARTUP_TIMEOUT (seconds, default 60): how long to wait for a database that is still
      // starting (docker compose, a restarting server). A refused login, a TLS mistake or an
      // unknown database is not waited for: start-up fails at once with the driver's reason.
      awaitDatabase(
          db, Duration.ofSeconds(Long.parseLong(env.get("STARTUP_TIMEOUT").orElse("60"))));
      // Probes: the database is critical (no traffic without it); Redis, when configured, only
      // degrades the service.
      HealthRegistry health = new HealthRegistry().add("database", DatabaseCheck.of(db));
      env.get("REDIS_URL")
          .ifPresent(url -> health.add("redis", RedisCheck.of(url), false, Duration.ofSeconds(2)));
      int port = Integer.parseInt(env.get("PORT").orElse("8080"));
      // HOST narrows the listening address (127.0.0.1 for a local-only service); default all.
      Javalin app =
          env.get("HOST")
              .map(host -> create(db, health, env).start(host, port))
              .orElseGet(() -> create(db, health, env).start(port));
      Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "quickstart-shutdown"));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A true/false variable, false when unset; anything else stops start-up naming it. */
  private static boolean flag(Env env, String name) {
    String value = env.get(name).orElse("false");
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  /** Waits while the server is not up yet (SQLState class 08, or PostgreSQL's 57P03). */
  private static void awaitDatabase(Database db, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        db.checkConnection();
        return;
      } catch (DatabaseUnavailableException e) {
        String state = e.getCause() instanceof SQLException s ? s.getSQLState() : null;
        boolean starting = state != null && (state.startsWith("08") || state.equals("57P03"));
        if (!starting || System.nanoTime() - deadline >= 0) {
          throw e;
        }
        LOG.info("waiting for the database: {}", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The packaged migrations of the quickstart over {@code db}. */
  public static Migrations migrations(Database db) {
    return Migrations.builder().database(db).scriptLocation(MIGRATIONS).build();
  }

  /**
   * The app over an open database, which creating it upgrades to the packaged head under the
   * migration lock. Stopping the app closes the database and the health registry.
   */
  public static Javalin create(Database db, HealthRegistry health) {
    return create(db, health, Env.system());
  }

  /**
   * {@link #create(Database, HealthRegistry)} with the plugin's settings ({@code
   * DB_READ_FROM_REPLICA}, idempotency keys) read from {@code env}.
   */
  public static Javalin create(Database db, HealthRegistry health, Env env) {
    return Javalin.create(
        config -> {
          // Blocking JDBC on virtual threads when the runtime has them (Java 21+); Javalin falls
          // back
          // to its platform thread pool on Java 17.
          config.concurrency.useVirtualThreads = true;
          config.registerPlugin(
              new SqlPlugin(
                  sql -> {
                    sql.database = db;
                    sql.env = env;
                    sql.migrations = MIGRATIONS;
                    sql.title = "svc-infra quickstart";
                    // Prometheus text at /metrics; with METRICS_TOKEN set, only for requests
                    // carrying "Authorization: Bearer <token>" (docs/observability.md).
                    sql.metricsPath = "/metrics";
                    // REQUEST_LOG=true: one JSON line per request on dev.svcinfra.http.requests.
                    sql.requestLog = flag(env, "REQUEST_LOG");
                    sql.resource(
                        SqlResource.of(User.class)
                            .prefix("/users")
                            .tags("users")
                            .softDelete(true)
                            // POST /users/{id}/restore brings a deleted user back (409 when
                            // the email was registered again meanwhile).
                            .restore(true)
                            .searchFields("name", "email")
                            .defaultOrder("-created_at")
                            .orderFields("created_at", "name", "email")
                            // ?email=..., ?name[prefix]=an, ?created_at[gte]=2026-01-01T00:00:00Z
                            .filterFields("email", "name", "created_at")
                            // Emails are unique ignoring case (Ann@x.com = ann@x.com) among
                            // live users on every database.
                            .service(repo -> new DedupeSqlService<>(repo, List.of("email")))
                            .build());
                    // Note has a @TenantId column: the resource is scoped by the X-Tenant-Id
                    // header.
                    sql.resource(SqlResource.of(Note.class).prefix("/notes").tags("notes").build());
                    sql.resource(
                        SqlResource.of(Account.class).prefix("/accounts").tags("accounts").build());
                    sql.openApi = QuickstartApp::documentTransfer;
                  }));
          // Registered after the SQL plugin: Javalin tries a method's routes in the order they were
          // added, so API requests do not first run past the probe routes.
          config.registerPlugin(new HealthPlugin(h -> h.registry = health));
          // A hand-written route: the handler reads the body, calls Transfers in the request
          // transaction and answers. Any exception or error status rolls both updates back.
          config.routes.post(
              "/transfer",
              SqlPlugin.transactional(
                  ctx -> {
                    TransferRequest t = SqlPlugin.body(ctx, TransferRequest.class);
                    Transfers.transfer(SqlPlugin.session(ctx), t.from(), t.to(), t.amount());
                    ctx.contentType("application/json").result("{\"status\":\"ok\"}");
                  }));
          config.events.serverStopped(health::close);
        });
  }

  /**
   * The body of {@code POST /transfer}; every field is required, and the amount has the balance's
   * precision and scale (a 422 names it when it has more digits, never rounded).
   */
  public record TransferRequest(
      long from, long to, @Column(precision = 19, scale = 2) BigDecimal amount) {}

  /**
   * The database the environment names ({@code SQL_URL}, {@code DATABASE_URL}, ...), or a SQLite
   * file in {@code data/} under {@code workDir} (the working directory) when none is configured.
   */
  static DatabaseSettings databaseSettings(Env env, Path workDir) {
    return DatabaseSettings.from(
        env,
        () -> {
          Path dir = workDir.resolve("data").toAbsolutePath();
          try {
            Files.createDirectories(dir);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
          }
          return "sqlite:///" + dir.resolve("quickstart.db");
        },
        "default (./data)");
  }

  private static void documentTransfer(ObjectNode doc) {
    ObjectNode op = doc.with("paths").putObject("/transfer").putObject("post");
    op.putArray("tags").add("accounts");
    op.put("summary", "Move money between two accounts; both balances change or neither");
    op.put("operationId", "transfer");
    ObjectNode schema =
        op.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("type", "object")
            .put("additionalProperties", false);
    ObjectNode props = schema.putObject("properties");
    props.putObject("from").put("type", "integer").put("format", "int64");
    props.putObject("to").put("type", "integer").put("format", "int64");
    props
        .putObject("amount")
        .put("type", "number")
        .put("exclusiveMinimum", 0)
        .put("multipleOf", new BigDecimal("0.01"))
        .put("description", "at most 2 digits after the point");
    schema.putArray("required").add("from").add("to").add("amount");
    // Safe to retry with Idempotency-Key: the plugin documents the header and its replay marker
    // as components for hand-written routes.
    op.putArray("parameters").addObject().put("$ref", "#/components/parameters/IdempotencyKey");
    op.putObject("responses")
        .putObject("200")
        .put("description", "Transferred")
        .putObject("headers")
        .putObject("Idempotent-Replayed")
        .put("$ref", "#/components/headers/IdempotentReplayed");
    for (String status : List.of("400", "404", "409", "422")) {
      op.with("responses")
          .putObject(status)
          .put("description", "Problem")
          .putObject("content")
          .putObject("application/problem+json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/Problem");
    }
  }
}
