package dev.svcinfra.mongo;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.HealthCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Health check for MongoDB: sends {@code ping} bounded by its own timeout (server selection
 * included) and answers healthy or unhealthy; it never throws and its message never holds the
 * connection string.
 *
 * <pre>{@code
 * HealthCheck mongo = MongoHealthCheck.ofInitialized(Duration.ofSeconds(2));
 * registry.add("mongo", mongo);   // or: mongo.check().status()
 * }</pre>
 *
 * @since 0.1
 */
public final class MongoHealthCheck implements HealthCheck {
  /** The bound used when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final Supplier<MongoDatabase> database;
  private final Duration timeout;

  private MongoHealthCheck(Supplier<MongoDatabase> database, Duration timeout) {
    this.database = Objects.requireNonNull(database, "database");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  /** Checks {@code database}. */
  public static MongoHealthCheck of(MongoDatabase database, Duration timeout) {
    Objects.requireNonNull(database, "database");
    return new MongoHealthCheck(() -> database, timeout);
  }

  /**
   * Checks whatever {@link Mongo#acquireDb()} returns at check time: unhealthy until {@link
   * Mongo#initMongo} ran and after {@link Mongo#closeMongo()}.
   */
  public static MongoHealthCheck ofInitialized(Duration timeout) {
    return new MongoHealthCheck(Mongo::acquireDb, timeout);
  }

  @Override
  public CheckResult check() {
    MongoDatabase db;
    try {
      db = database.get();
    } catch (MongoNotInitializedException e) {
      return CheckResult.unhealthy("MongoDB is not initialized");
    }
    Optional<String> failure =
        Ping.failure(db.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    if (failure.isEmpty()) {
      return CheckResult.healthy().withDetail("database", db.getName());
    }
    return CheckResult.unhealthy(
            "MongoDB did not answer ping within "
                + timeout.toMillis()
                + " ms ("
                + failure.get()
                + ")")
        .withDetail("database", db.getName());
  }
}
