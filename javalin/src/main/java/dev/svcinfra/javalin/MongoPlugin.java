package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.Mongo;
import dev.svcinfra.mongo.MongoStoreException;
import dev.svcinfra.mongo.MongoValidationException;
import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts MongoDB collections behind a Javalin app as CRUD resources with the HTTP contract of {@link
 * SqlPlugin}'s: same routes, list parameters, envelope, problem+json errors, tenant rules and
 * OpenAPI document (shared with {@link SqlPlugin} when both are registered).
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> config.registerPlugin(new MongoPlugin(mongo -> {
 *   mongo.settings = MongoSettings.from(Env.system());       // opened on start, closed on stop
 *   mongo.resource(MongoResource.of("items").softDelete().searchFields("name").build());
 * }))).start(8080);
 * }</pre>
 *
 * <p>Needs {@code svc-infra-mongo} (and with it the MongoDB driver) on the class path; the {@code
 * svc-infra-javalin} artifact declares it optional, so SQL-only services never get it.
 *
 * @since 0.1
 */
public final class MongoPlugin extends Plugin<MongoPlugin.Config> {
  private static final Logger LOG = LoggerFactory.getLogger(MongoPlugin.class);

  /** What the plugin mounts and how; every field has a working default. */
  public static final class Config {
    /**
     * Settings of the process-wide client: {@link MongoLifecycle} opens it when the server starts
     * and closes it when it stops. Null: the app opens it itself ({@link Mongo#initMongo}).
     */
    public MongoSettings settings;

    /** A database to serve instead of the process-wide client's (tests, several clients). */
    public MongoDatabase database;

    /** Where tenant-scoped resources find the tenant; default header {@code X-Tenant-Id}. */
    public TenantResolver tenantResolver = TenantResolver.header(TenantResolver.DEFAULT_HEADER);

    /** The header documented for the tenant in OpenAPI. */
    public String tenantHeader = TenantResolver.DEFAULT_HEADER;

    /** Largest request body read, in bytes; larger ones get 413. Default 1 MiB. */
    public long maxBodyBytes = 1024 * 1024;

    /**
     * {@code Retry-After} seconds on 503 answers (unless {@link SqlPlugin} was registered first).
     */
    public int retryAfterSeconds = 5;

    /** Title and version of the OpenAPI document (unless {@link SqlPlugin} made it first). */
    public String title = "svc-infra service";

    public String version = "0.1.0";

    /** Routes of the OpenAPI document and Swagger UI (unless {@link SqlPlugin} made them first). */
    public String openApiPath = "/openapi.json";

    public String docsPath = "/docs";

    /** Adds hand-written routes (or anything else) to the OpenAPI document. */
    public Consumer<ObjectNode> openApi = doc -> {};

    final List<MongoResource> resources = new ArrayList<>();

    /** Mounts a CRUD resource. */
    public Config resource(MongoResource resource) {
      resources.add(resource);
      return this;
    }
  }

  public MongoPlugin(Consumer<Config> userConfig) {
    super(userConfig, new Config());
  }

  @Override
  public void onInitialize(JavalinState state) {
    Config c = pluginConfig;
    if (c.maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + c.maxBodyBytes);
    }
    if (c.settings != null && c.database != null) {
      throw new IllegalArgumentException(
          "set either settings (the plugin opens the client) or " + "database (you did), not both");
    }
    MongoDatabase fixed = c.database;
    Supplier<MongoDatabase> database = fixed != null ? () -> fixed : Mongo::acquireDb;
    ProblemMapper problems = ErrorResponses.install(state, c.retryAfterSeconds);
    // MongoDB failures take the same lookup as SQL ones; only the field list is Mongo's own.
    state.routes.exception(
        MongoStoreException.class,
        (e, ctx) ->
            problems.answer(e, ctx, e instanceof MongoValidationException v ? v.errors() : null));
    OpenApiDocument openApi =
        ApiDocs.shared(state, c.title, c.version, c.tenantHeader, c.openApiPath, c.docsPath);
    List<String> prefixes = new ArrayList<>();
    for (MongoResource r : c.resources) {
      if (prefixes.contains(r.prefix)) {
        throw new IllegalArgumentException("two resources are mounted at " + r.prefix);
      }
      prefixes.add(r.prefix);
      new MongoRoutes(r, database, c.tenantResolver, c.maxBodyBytes).mount(state.routes);
      openApi.add(r.describe());
    }
    c.openApi.accept(openApi.root());
    // Repositories are built (and their rules checked) as soon as the database is known, so a
    // wrong order or field name stops start-up instead of failing the first request.
    if (fixed != null) {
      c.resources.forEach(r -> r.repository(fixed));
    } else if (c.settings != null) {
      MongoLifecycle.install(
          state.events, c.settings, opened -> c.resources.forEach(r -> r.repository(opened)));
    }
    LOG.info("mongo plugin: {} resource(s) {}", c.resources.size(), prefixes);
  }

  @Override
  public String name() {
    return "svc-infra-mongo";
  }
}
