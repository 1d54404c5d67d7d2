package dev.svcinfra.mongo;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.MongoSettings;
import java.util.Optional;

/**
 * The process-wide MongoDB client with the guide's four verbs: {@link #initMongo} at start-up,
 * {@link #acquireDb()} wherever the database is needed, {@link #pingMongo()} for probes and {@link
 * #closeMongo()} at shutdown. Holds one {@link MongoConnection}; code that needs several clients
 * (tests, multi-cluster services) uses {@link MongoConnection} directly.
 *
 * <pre>{@code
 * MongoDatabase db = Mongo.initMongo(MongoSettings.from(Env.system()));
 * Mongo.acquireDb().getCollection("items").find().first();
 * Mongo.closeMongo();
 * }</pre>
 *
 * @since 0.1
 */
public final class Mongo {

  private static volatile MongoConnection current;

  private Mongo() {}

  /** {@link #initMongo(MongoSettings)} with the settings of the process environment. */
  public static MongoDatabase initMongo() {
    return initMongo(MongoSettings.from(Env.system()));
  }

  /**
   * Creates the client and returns its database. Calling it again with equal settings returns the
   * same database without a second client; different settings while a client is open are an error
   * (close it first), so a service never talks to a database it did not ask for.
   */
  public static synchronized MongoDatabase initMongo(MongoSettings settings) {
    MongoConnection open = current;
    if (open != null) {
      if (!open.settings().equals(settings)) {
        throw new MongoStoreException(
            ErrorCode.MONGO_ALREADY_INITIALIZED,
            "MongoDB is already initialized with "
                + open.settings()
                + "; call closeMongo() before initializing with "
                + settings);
      }
      return open.database();
    }
    current = MongoConnection.open(settings);
    return current.database();
  }

  /**
   * The database of the open client.
   *
   * @throws MongoNotInitializedException before {@link #initMongo} or after {@link #closeMongo()}
   */
  public static MongoDatabase acquireDb() {
    return connection().orElseThrow(MongoNotInitializedException::new).database();
  }

  /** Whether the open client's server answers; false when none is open. Never throws. */
  public static boolean pingMongo() {
    return connection().map(MongoConnection::ping).orElse(false);
  }

  /** Closes the client if one is open; a later {@link #initMongo} opens a new one. */
  public static synchronized void closeMongo() {
    MongoConnection open = current;
    current = null;
    if (open != null) {
      open.close();
    }
  }

  /** The open connection, if any (for health checks and index creation at start-up). */
  public static Optional<MongoConnection> connection() {
    return Optional.ofNullable(current);
  }
}
