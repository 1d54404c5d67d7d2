package dev.svcinfra.javalin;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.IdempotencySettings;
import dev.svcinfra.config.internal.ReplicaReadSettings;
import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.TransactionOptions;
import dev.svcinfra.sql.internal.idempotency.IdempotencyStore;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.plugin.Plugin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a SQL database behind a Javalin app: the database's lifecycle, one transaction per request,
 * CRUD resources, problem+json errors for the whole app, {@code /_sql/health}, {@code
 * /openapi.json} and Swagger UI at {@code /docs}.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> config.registerPlugin(new SqlPlugin(sql ->
 *     sql.resource(SqlResource.of(User.class).prefix("/users").build())))).start(8080);
 * }</pre>
 *
 * <p>Without {@link Config#database} the plugin opens the database the environment names ({@code
 * SQL_URL}, {@code DATABASE_URL}, ... as {@link Database#fromEnvironment()}) when the app is
 * created, so a missing or bad URL stops start-up with the resolver's message; it closes the
 * database when the server stops. Own routes get the request transaction with {@link
 * #transactional} and {@link #session}: it commits before the response is written and rolls back
 * when the handler throws or answers with a status of 400 or more.
 *
 * @since 0.1
 */
public final class SqlPlugin extends Plugin<SqlPlugin.Config> {
  private static final Logger LOG = LoggerFactory.getLogger(SqlPlugin.class);
  private static final String METRICS_TOKEN = "METRICS_TOKEN";

  /** Tracing needs the OpenTelemetry API, an optional dependency: looked up once, by name. */
  private static final boolean TRACING_API_PRESENT =
      present("io.opentelemetry.api.GlobalOpenTelemetry");

  /** What the plugin mounts and how; every field has a working default. */
  public static final class Config {
    /** The database; null opens the one {@link #env} names when the app is created. */
    public Database database;

    /** Where the database settings come from when {@link #database} is null. */
    public Env env = Env.system();

    /**
     * Script location upgraded to head when the app is created, under the migration lock, so that
     * many replicas can start at once: {@code "classpath:migrations"} for the revisions packaged in
     * the application, or a directory. Start-up then fails, with the reason, when the database is
     * unreachable, refuses the connection (login, TLS) or has drifted (an applied revision changed,
     * or one this build does not know). Null (the default) migrates nothing.
     */
    public String migrations;

    /**
     * Whether creating the app opens one connection first, so that an unreachable or misconfigured
     * database stops start-up instead of answering 503 later; always so when {@link #migrations} is
     * set.
     */
    public boolean connectOnStart;

    /** Whether stopping the server closes the database. */
    public boolean closeOnStop = true;

    /** Statement timeout of request transactions; null keeps {@code DB_STATEMENT_TIMEOUT_MS}. */
    public Duration statementTimeout;

    /**
     * Whether the GET one, list and search routes of resources run in read-only transactions on the
     * read replica ({@code REPLICA_DB_URL}; the primary without one); a resource may choose
     * otherwise with {@link SqlResource.Builder#readFromReplica}. Null reads {@code
     * DB_READ_FROM_REPLICA} from {@link #env} (default false). Writes answer with {@code
     * X-Consistency-Token} while a replica is configured; a read sending it back sees the write
     * (docs/deployment.md, "Read replicas").
     *
     * @since 0.2
     */
    public Boolean readFromReplica;

    /** Where tenant-scoped resources find the tenant; default header {@code X-Tenant-Id}. */
    public TenantResolver tenantResolver = TenantResolver.header(TenantResolver.DEFAULT_HEADER);

    /** The header documented for the tenant in OpenAPI. */
    public String tenantHeader = TenantResolver.DEFAULT_HEADER;

    /** Largest request body the plugin reads, in bytes; larger ones get 413. Default 1 MiB. */
    public long maxBodyBytes = 1024 * 1024;

    /** {@code Retry-After} seconds on 503 answers. */
    public int retryAfterSeconds = 5;

    /** How long {@code /_sql/health} waits for the database. */
    public Duration healthTimeout = Duration.ofSeconds(2);

    /** Title and version in the OpenAPI document and the docs page. */
    public String title = "svc-infra service";

    public String version = "0.1.0";

    /** Route of the OpenAPI document; null to leave it out (and {@code /docs} with it). */
    public String openApiPath = "/openapi.json";

    /** Route of Swagger UI; null to leave it out. */
    public String docsPath = "/docs";

    /** Route of the database health check; null to leave it out. */
    public String healthPath = "/_sql/health";

    /**
     * Whether POST, PUT and PATCH honour {@code Idempotency-Key} (docs/web.md, "Idempotency keys");
     * the database needs the {@link dev.svcinfra.sql.idempotency.IdempotencyRecord} table. False
     * ignores the header.
     */
    public boolean idempotencyKeys = true;

    /**
     * How long keys are kept and held; null reads {@code IDEMPOTENCY_KEY_TTL} and {@code
     * IDEMPOTENCY_KEY_LEASE} from {@link #env}.
     */
    public IdempotencySettings idempotency;

    /** The clock of key expiry and leases; tests move it. */
    Clock clock = Clock.systemUTC();

    /**
     * Route of the Prometheus metrics (docs/observability.md), such as {@code "/metrics"}; null
     * (the default) serves none. Needs {@code io.micrometer:micrometer-registry-prometheus} on the
     * classpath: without it the app does not start.
     *
     * @since 0.4
     */
    public String metricsPath;

    /**
     * Bearer token the metrics route requires ({@code Authorization: Bearer <token>}, 16 to 512
     * printable ASCII characters); null reads {@code METRICS_TOKEN} from {@link #env}, and without
     * it the route answers anyone who reaches the port (keep it off the public network then).
     *
     * @since 0.4
     */
    public String metricsToken;

    /**
     * Whether each request writes one JSON line (method, route template, status, duration, request
     * id, tenant) at INFO on the logger {@code dev.svcinfra.http.requests}.
     *
     * @since 0.4
     */
    public boolean requestLog;

    /**
     * Whether requests and their SQL statements become OpenTelemetry spans when the OpenTelemetry
     * API is on the classpath (spans go to the SDK or agent the service sets up; with the API alone
     * they cost next to nothing). Default true.
     *
     * @since 0.4
     */
    public boolean tracing = true;

    /** Adds hand-written routes (or anything else) to the OpenAPI document. */
    public Consumer<com.fasterxml.jackson.databind.node.ObjectNode> openApi = doc -> {};

    final List<SqlResource<?>> resources = new ArrayList<>();

    /** Mounts a CRUD resource. */
    public Config resource(SqlResource<?> resource) {
      resources.add(resource);
      return this;
    }
  }

  public SqlPlugin(Consumer<Config> userConfig) {
    super(userConfig, new Config());
  }

  @Override
  public void onInitialize(JavalinState state) {
    Config c = pluginConfig;
    // Read before the database opens, so a bad DB_READ_FROM_REPLICA leaves nothing open.
    boolean replicaReads =
        c.readFromReplica != null
            ? c.readFromReplica
            : ReplicaReadSettings.from(c.env).readFromReplica();
    // Checked before the database opens: a service asked for metrics does not start without them.
    String metricsToken = null;
    if (c.metricsPath != null) {
      MetricsRoute.requireRegistry(SqlPlugin.class.getClassLoader());
      metricsToken =
          MetricsRoute.checkToken(
              c.metricsToken != null ? c.metricsToken : c.env.get(METRICS_TOKEN).orElse(null),
              c.metricsToken != null ? "SqlPlugin.Config.metricsToken" : METRICS_TOKEN);
    }
    // Fails here, at Javalin.create, with the resolver's message when no URL is configured.
    Database db =
        c.database != null
            ? c.database
            : Database.open(DatabaseSettings.from(c.env), StatementLogSettings.from(c.env));
    TransactionOptions options =
        c.statementTimeout == null
            ? TransactionOptions.defaults()
            : TransactionOptions.defaults().withStatementTimeout(c.statementTimeout);
    if (c.maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + c.maxBodyBytes);
    }
    int applied;
    try {
      applied = StartupChecks.run(db, c.migrations, c.connectOnStart);
    } catch (RuntimeException e) {
      if (c.database == null) {
        db.close(); // opened here: nobody else would close it
      }
      throw e;
    }
    IdempotentRequests idempotency =
        c.idempotencyKeys
            ? new IdempotentRequests(
                new IdempotencyStore(
                    db,
                    c.idempotency != null ? c.idempotency : IdempotencySettings.from(c.env),
                    c.clock))
            : null;
    SqlContext sql =
        new SqlContext(
            db,
            options,
            c.tenantResolver,
            c.maxBodyBytes,
            c.retryAfterSeconds,
            idempotency,
            replicaReads);
    state.appData(SqlContext.KEY, sql);
    if (c.closeOnStop) {
      state.events.serverStopped(db::close);
    }

    ErrorResponses.install(state, c.retryAfterSeconds);
    // Resource routes are mounted before the documentation and health routes: Javalin tries a
    // method's routes in the order they were added, so CRUD requests meet their own first.
    List<String> prefixes = new ArrayList<>();
    for (SqlResource<?> r : c.resources) {
      if (prefixes.contains(r.prefix)) {
        throw new IllegalArgumentException("two resources are mounted at " + r.prefix);
      }
      prefixes.add(r.prefix);
      new ResourceRoutes<>(r, sql).mount(state.routes);
    }
    OpenApiDocument openApi =
        ApiDocs.shared(state, c.title, c.version, c.tenantHeader, c.openApiPath, c.docsPath);
    if (idempotency != null) {
      openApi.idempotencyKeys();
    }
    c.resources.forEach(r -> openApi.add(r, idempotency != null));
    List<RequestObserver> observers = new ArrayList<>();
    HealthResults healthResults = HealthResults.of(state);
    if (c.metricsPath != null) {
      PrometheusMetrics metrics = new PrometheusMetrics(db);
      state.events.serverStopped(metrics::close);
      metrics.migrationsApplied(applied);
      observers.add(metrics);
      healthResults.listen(metrics::healthChecked);
      state.routes.get(c.metricsPath, new MetricsRoute(metrics, metricsToken)::handle);
      if (metricsToken != null) {
        // Jetty's header cache matches header lines ignoring case by default, so a request could
        // be handed an earlier request's spelling of the token on the same connection.
        state.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
      }
    }
    if (c.tracing && TRACING_API_PRESENT) {
      RequestTracing tracing = new RequestTracing(db);
      state.events.serverStopped(tracing::close);
      observers.add(tracing);
    }
    if (c.requestLog) {
      observers.add(new RequestLogLine(c.tenantResolver));
    }
    RequestObservers.install(state, observers);
    if (c.healthPath != null) {
      state.routes.get(
          c.healthPath, new SqlHealthHandler(db, c.healthTimeout, healthResults::report)::handle);
    }
    c.openApi.accept(openApi.root());
    LOG.info("sql plugin: {} resource(s) {} on {}", c.resources.size(), prefixes, db);
  }

  @Override
  public String name() {
    return "svc-infra-sql";
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SqlPlugin.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Wraps a handler so it runs in the request transaction (see the class comment). Inside, {@link
   * #session} returns that transaction. A POST, PUT or PATCH with {@code Idempotency-Key} runs at
   * most once per key and method and path (and tenant, when the request names one): a retry gets
   * the stored response. The body is read before the handler to fingerprint the request; read it
   * with {@link #body} (Javalin's {@code ctx.body()} would find it consumed).
   */
  public static Handler transactional(Handler handler) {
    return ctx -> SqlContext.of(ctx).inTransaction(ctx, handler);
  }

  /**
   * Wraps a handler that only reads so it runs in a read-only transaction on the read replica (the
   * primary when none is configured), whatever the method: for hand-written read routes. A request
   * carrying {@code X-Consistency-Token} sees the write that token came from (a malformed one is a
   * 400 {@code consistency_token_invalid}); a write inside fails. {@link #session} returns the
   * transaction.
   *
   * <pre>{@code
   * config.routes.get("/reports", SqlPlugin.readOnly(ctx -> ctx.json(reports(SqlPlugin.session(ctx)))));
   * }</pre>
   *
   * @since 0.2
   */
  public static Handler readOnly(Handler handler) {
    return ctx -> SqlContext.of(ctx).inReplicaTransaction(ctx, handler);
  }

  /** The request transaction of a handler wrapped with {@link #transactional}. */
  public static Transaction session(Context ctx) {
    return RequestTransaction.current(ctx);
  }

  /** The plugin's database. */
  public static Database database(Context ctx) {
    return SqlContext.of(ctx).database();
  }

  /**
   * The request body bound strictly to {@code type} (a record, say): the body limit applies,
   * unknown properties, missing or null record components and JSON values of the wrong type are a
   * 422, malformed JSON too. For a record every problem is reported at once, and its components'
   * {@code @Column(length)} and {@code @Column(precision, scale)} are limits: longer text (in
   * characters), a decimal with more digits, or a lone surrogate in any text is a 422 naming the
   * field, never rounded or replaced.
   */
  public static <T> T body(Context ctx, Class<T> type) {
    return JsonCodec.read(SqlContext.of(ctx).body(ctx), type);
  }
}
