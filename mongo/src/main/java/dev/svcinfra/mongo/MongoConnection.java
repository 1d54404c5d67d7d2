package dev.svcinfra.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.MongoSettings;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.UuidRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MongoDB client and the database it serves, built from {@link MongoSettings}. The pool bounds
 * and application name of the settings win over the same options in the connection string; every
 * other driver option ({@code serverSelectionTimeoutMS}, {@code tls}, {@code replicaSet}, ...) is
 * taken from the connection string. UUIDs are stored in the standard (subtype 4) representation.
 *
 * <pre>{@code
 * try (MongoConnection mongo = MongoConnection.open(MongoSettings.of(url, "shop"))) {
 *   mongo.database().getCollection("users").countDocuments();
 * }
 * }</pre>
 *
 * <p>Most services use the process-wide {@link Mongo} facade instead.
 *
 * @since 0.1
 */
public final class MongoConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MongoConnection.class);

  private final MongoSettings settings;
  private final MongoClient client;
  private final MongoDatabase database;
  private final ReachabilityWatch watch;

  private MongoConnection(MongoSettings settings, MongoClient client, ReachabilityWatch watch) {
    this.settings = settings;
    this.client = client;
    this.database = client.getDatabase(settings.database());
    this.watch = watch;
  }

  /**
   * Creates the client. The driver connects in the background, so this succeeds even while the
   * server is down; {@link #ping()} tells whether it answers.
   *
   * @throws ConfigException when the driver refuses the connection string
   */
  public static MongoConnection open(MongoSettings settings) {
    return open(settings, builder -> {});
  }

  /**
   * Like {@link #open(MongoSettings)}, then lets {@code customizer} adjust the driver settings last
   * (command listeners, a server-selection bound for a command-line run, ...).
   */
  public static MongoConnection open(
      MongoSettings settings, Consumer<MongoClientSettings.Builder> customizer) {
    ReachabilityWatch watch = new ReachabilityWatch();
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder()
            .applyConnectionString(connectionString(settings))
            .applicationName(settings.appName())
            .applyToConnectionPoolSettings(
                pool -> pool.minSize(settings.minPool()).maxSize(settings.maxPool()))
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .applyToClusterSettings(cluster -> cluster.addClusterListener(watch));
    customizer.accept(builder);
    MongoConnection connection =
        new MongoConnection(settings, MongoClients.create(builder.build()), watch);
    LOG.info(
        "MongoDB client created for {} database {}", settings.maskedUrl(), settings.database());
    return connection;
  }

  public MongoSettings settings() {
    return settings;
  }

  public MongoClient client() {
    return client;
  }

  public MongoDatabase database() {
    return database;
  }

  /**
   * Whether the server answers a {@code ping} within the connection string's server-selection
   * timeout (driver default 30 s; set {@code serverSelectionTimeoutMS} for probes). Never throws.
   */
  public boolean ping() {
    return Ping.failure(database).isEmpty();
  }

  /**
   * Like {@link #ping()}, bounded by {@code timeoutMillis} including server selection, whatever the
   * connection string says.
   */
  public boolean ping(long timeoutMillis) {
    return pingFailure(timeoutMillis).isEmpty();
  }

  /**
   * Why the server did not answer a {@code ping} within {@code timeoutMillis} (empty when it did):
   * "connection refused", "unknown host", "authentication failed ...", "no server answered within N
   * ms". Over as soon as every server has refused a connection, not at the timeout. Never throws.
   *
   * @since 0.2
   */
  public Optional<String> pingFailure(long timeoutMillis) {
    return Ping.failure(database, watch, timeoutMillis);
  }

  /** Closes the client and its pool. */
  @Override
  public void close() {
    client.close();
  }

  /** The driver's view of the URL; its complaints are passed on with any password masked. */
  private static ConnectionString connectionString(MongoSettings settings) {
    try {
      return new ConnectionString(settings.url());
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      String password = DatabaseUrl.parse(settings.url()).password().orElse("");
      if (!password.isEmpty()) {
        why = why.replace(password, DatabaseUrl.MASK);
      }
      throw new ConfigException(
          ErrorCode.INVALID_DATABASE_URL,
          settings.source()
              + "='"
              + settings.maskedUrl()
              + "' is not a valid MongoDB connection string: "
              + why,
          e);
    }
  }
}
