package dev.svcinfra.javalin;

import dev.svcinfra.SvcInfraException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.TransactionOptions;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.plugin.Plugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a SQL database behind a Javalin app: the database's lifecycle, one transaction per
 * request, CRUD resources, problem+json errors for the whole app, {@code /_sql/health},
 * {@code /openapi.json} and Swagger UI at {@code /docs}.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> config.registerPlugin(new SqlPlugin(sql ->
 *     sql.resource(SqlResource.of(User.class).prefix("/users").build())))).start(8080);
 * }</pre>
 *
 * <p>Without {@link Config#database} the plugin opens {@link Database#fromEnvironment()} when the
 * app is created, so a missing or bad URL stops start-up with the resolver's message; it closes
 * the database when the server stops. Own routes get the request transaction with
 * {@link #transactional} and {@link #session}: it commits before the response is written and
 * rolls back when the handler throws or answers with a status of 400 or more.
 *
 * @since 0.1
 */
public final class SqlPlugin extends Plugin<SqlPlugin.Config> {
  private static final Logger LOG = LoggerFactory.getLogger(SqlPlugin.class);

  /** What the plugin mounts and how; every field has a working default. */
  public static final class Config {
    /** The database; null opens {@link Database#fromEnvironment()} when the app is created. */
    public Database database;
    /** Whether stopping the server closes the database. */
    public boolean closeOnStop = true;
    /** Statement timeout of request transactions; null keeps {@code DB_STATEMENT_TIMEOUT_MS}. */
    public Duration statementTimeout;
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
    /** Adds hand-written routes (or anything else) to the OpenAPI document. */
    public Consumer<com.fasterxml.jackson.databind.node.ObjectNode> openApi = doc -> { };

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
    Database db = c.database != null ? c.database : Database.fromEnvironment();
    TransactionOptions options = c.statementTimeout == null ? TransactionOptions.defaults()
        : TransactionOptions.defaults().withStatementTimeout(c.statementTimeout);
    if (c.maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + c.maxBodyBytes);
    }
    state.appData(SqlContext.KEY, new SqlContext(db, options, c.tenantResolver, c.maxBodyBytes,
        c.retryAfterSeconds));
    if (c.closeOnStop) {
      state.events.serverStopped(db::close);
    }

    // A known path with the wrong method is a 405, not a 404: clients learn the route exists.
    state.http.prefer405over404 = true;
    ProblemMapper problems = new ProblemMapper(c.retryAfterSeconds);
    state.routes.before(RequestIds::assign);
    state.routes.exception(SvcInfraException.class, problems::svcInfra);
    state.routes.exception(HttpResponseException.class, problems::http);
    state.routes.exception(Exception.class, problems::unexpected);
    ErrorPages.install(state);

    OpenApiDocument openApi = new OpenApiDocument(c.title, c.version, c.tenantHeader);
    List<String> prefixes = new ArrayList<>();
    for (SqlResource<?> r : c.resources) {
      if (prefixes.contains(r.prefix)) {
        throw new IllegalArgumentException("two resources are mounted at " + r.prefix);
      }
      prefixes.add(r.prefix);
      new ResourceRoutes<>(r).mount(state.routes);
      openApi.add(r);
    }
    if (c.healthPath != null) {
      state.routes.get(c.healthPath, new SqlHealthHandler(db, c.healthTimeout)::handle);
    }
    if (c.openApiPath != null) {
      c.openApi.accept(openApi.root());
      String document = JsonCodec.write(openApi.root());
      state.routes.get(c.openApiPath, ctx -> ctx.contentType("application/json").result(document));
      if (c.docsPath != null) {
        state.staticFiles.enableWebjars();
        state.routes.get(c.docsPath, new SwaggerUiPage(c.title, c.openApiPath)::serve);
      }
    }
    LOG.info("sql plugin: {} resource(s) {} on {}", c.resources.size(), prefixes, db);
  }

  @Override
  public String name() {
    return "svc-infra-sql";
  }

  /**
   * Wraps a handler so it runs in the request transaction (see the class comment). Inside,
   * {@link #session} returns that transaction.
   */
  public static Handler transactional(Handler handler) {
    return ctx -> SqlContext.of(ctx).inTransaction(ctx, handler);
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
   * unknown properties, missing or null record components and JSON values of the wrong type
   * are a 422, malformed JSON too.
   */
  public static <T> T body(Context ctx, Class<T> type) {
    return JsonCodec.read(SqlContext.of(ctx).body(ctx), type);
  }
}
