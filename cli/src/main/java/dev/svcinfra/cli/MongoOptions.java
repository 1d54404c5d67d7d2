package dev.svcinfra.cli;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.MongoConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * {@code --mongo-url}, {@code --mongo-db} (beat {@code MONGO_URL} and {@code MONGO_DB}) and {@code
 * --timeout}: how long a command waits for a server before failing. Mixed into the {@code mongo}
 * commands.
 */
final class MongoOptions {
  @Option(
      names = "--mongo-url",
      paramLabel = "URL",
      description = "MongoDB connection string; beats MONGO_URL and MONGO_URL_FILE.")
  String mongoUrl;

  @Option(names = "--mongo-db", paramLabel = "NAME", description = "Database; beats MONGO_DB.")
  String mongoDb;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds to wait for a server before giving up (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  /** The settings for this run; the options win over the environment. */
  MongoSettings settings(CliContext context) {
    Map<String, String> overrides = new HashMap<>();
    if (mongoUrl != null && !mongoUrl.isBlank()) {
      overrides.put(MongoSettings.URL_VARIABLE, mongoUrl);
    }
    if (mongoDb != null && !mongoDb.isBlank()) {
      overrides.put(MongoSettings.DATABASE_VARIABLE, mongoDb);
    }
    MongoSettings settings = MongoSettings.from(Env.of(overrides).orElse(context.env()));
    return overrides.containsKey(MongoSettings.URL_VARIABLE)
        ? settings.withUrl(settings.url(), "--mongo-url")
        : settings;
  }

  long timeoutMillis() {
    if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "--timeout=" + timeoutSeconds + " is not valid: expected seconds in (0, 3600]");
    }
    return Math.max(1, Math.round(timeoutSeconds * 1000));
  }

  /** A client whose server selection is bounded by {@code --timeout}. */
  MongoConnection open(CliContext context) {
    long millis = timeoutMillis();
    return MongoConnection.open(
        settings(context),
        builder ->
            builder
                .applyToClusterSettings(
                    c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(millis, TimeUnit.MILLISECONDS)));
  }
}
