package dev.svcinfra.config;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.internal.SettingReader;
import dev.svcinfra.config.internal.ValueFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach MongoDB: the connection string and its source, the database, the
 * application name shown in server logs, and the connection-pool bounds. Plain values only, so
 * {@code core} stays free of the driver; the {@code svc-infra-mongo} module turns them into a
 * client.
 *
 * <p>From the environment: {@code MONGO_URL} (default {@code mongodb://localhost:27017}; the value
 * may point to a file as {@code file:/path}), {@code MONGO_URL_FILE}, {@code MONGO_DB} (required),
 * {@code MONGO_APPNAME} (default {@code svc-infra}), {@code MONGO_MIN_POOL} (default 0) and {@code
 * MONGO_MAX_POOL} (default 100). Driver options such as {@code serverSelectionTimeoutMS} go in the
 * connection string.
 *
 * <pre>{@code
 * MongoSettings settings = MongoSettings.from(Env.system());
 * MongoSettings custom = MongoSettings.of("mongodb://app:secret@db:27017", "shop").withMaxPool(50);
 * log.info("mongo {}", custom);   // mongodb://app:***@db:27017 ... never the password
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} and {@link #maskedUrl()} mask the password.
 *
 * @param url the connection string as given (holds the password: never print it, print {@link
 *     #maskedUrl()})
 * @param source where the connection string came from ({@code MONGO_URL}, {@code default}, ...)
 * @param database the database to use
 * @param appName the application name reported to the server
 * @param minPool connections kept open even when idle
 * @param maxPool the most connections opened per server
 * @since 0.1
 */
public record MongoSettings(
    String url, String source, String database, String appName, int minPool, int maxPool) {

  public static final String URL_VARIABLE = "MONGO_URL";
  public static final String DATABASE_VARIABLE = "MONGO_DB";
  public static final String APPNAME_VARIABLE = "MONGO_APPNAME";
  public static final String MIN_POOL_VARIABLE = "MONGO_MIN_POOL";
  public static final String MAX_POOL_VARIABLE = "MONGO_MAX_POOL";

  public static final String DEFAULT_URL = "mongodb://localhost:27017";
  public static final String DEFAULT_APPNAME = "svc-infra";
  public static final int DEFAULT_MIN_POOL = 0;
  public static final int DEFAULT_MAX_POOL = 100;

  /** The largest pool accepted; far above what one server should be asked for. */
  public static final int POOL_LIMIT = 10_000;

  public MongoSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(appName, "appName");
    checkUrl(url, source);
    if (database == null || database.isBlank()) {
      throw new ConfigException(
          ErrorCode.MONGO_DB_MISSING,
          "No MongoDB database is configured: set "
              + DATABASE_VARIABLE
              + " (for example MONGO_DB=app) or pass the database name.");
    }
    checkDatabaseName(database);
    if (appName.isBlank()) {
      throw SettingReader.invalid(APPNAME_VARIABLE, appName, "a non-blank name");
    }
    if (minPool < 0 || minPool > POOL_LIMIT) {
      throw SettingReader.invalid(
          MIN_POOL_VARIABLE, String.valueOf(minPool), "a whole number in 0.." + POOL_LIMIT);
    }
    if (maxPool < 1 || maxPool > POOL_LIMIT) {
      throw SettingReader.invalid(
          MAX_POOL_VARIABLE, String.valueOf(maxPool), "a whole number in 1.." + POOL_LIMIT);
    }
    if (minPool > maxPool) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          MIN_POOL_VARIABLE
              + "="
              + minPool
              + " is larger than "
              + MAX_POOL_VARIABLE
              + "="
              + maxPool
              + ": the minimum pool size must not exceed the maximum");
    }
  }

  /** Reads the {@code MONGO_*} variables, defaulting what may be defaulted. */
  public static MongoSettings from(Env env) {
    SettingReader r = new SettingReader(env);
    FoundUrl url = resolveUrl(env);
    return new MongoSettings(
        url.value(),
        url.source(),
        r.string(DATABASE_VARIABLE).orElse(null),
        r.string(APPNAME_VARIABLE).orElse(DEFAULT_APPNAME),
        r.integer(MIN_POOL_VARIABLE, DEFAULT_MIN_POOL, 0, POOL_LIMIT),
        r.integer(MAX_POOL_VARIABLE, DEFAULT_MAX_POOL, 1, POOL_LIMIT));
  }

  /** Default settings for a connection string and database given in code. */
  public static MongoSettings of(String url, String database) {
    return new MongoSettings(
        url, "code", database, DEFAULT_APPNAME, DEFAULT_MIN_POOL, DEFAULT_MAX_POOL);
  }

  /** The connection string with any password replaced by {@code ***}. */
  public String maskedUrl() {
    return UrlParser.maskForError(url);
  }

  public MongoSettings withUrl(String value, String valueSource) {
    return new MongoSettings(value, valueSource, database, appName, minPool, maxPool);
  }

  public MongoSettings withDatabase(String value) {
    return new MongoSettings(url, source, value, appName, minPool, maxPool);
  }

  public MongoSettings withAppName(String value) {
    return new MongoSettings(url, source, database, value, minPool, maxPool);
  }

  public MongoSettings withMinPool(int value) {
    return new MongoSettings(url, source, database, appName, value, maxPool);
  }

  public MongoSettings withMaxPool(int value) {
    return new MongoSettings(url, source, database, appName, minPool, value);
  }

  /** Every value, the password masked. */
  @Override
  public String toString() {
    return "MongoSettings[url="
        + maskedUrl()
        + " (from "
        + source
        + "), database="
        + database
        + ", appName="
        + appName
        + ", minPool="
        + minPool
        + ", maxPool="
        + maxPool
        + "]";
  }

  private record FoundUrl(String value, String source) {}

  /**
   * {@code MONGO_URL} (or the file it points to), then {@code MONGO_URL_FILE}, then the default.
   */
  private static FoundUrl resolveUrl(Env env) {
    Optional<String> direct = env.get(URL_VARIABLE);
    if (direct.isPresent()) {
      Optional<Path> pointer = ValueFiles.pointer(direct.get());
      if (pointer.isPresent()) {
        return new FoundUrl(
            ValueFiles.readRequired(pointer.get(), URL_VARIABLE),
            URL_VARIABLE + " (file " + pointer.get() + ")");
      }
      return new FoundUrl(direct.get(), URL_VARIABLE);
    }
    String fileVariable = URL_VARIABLE + "_FILE";
    Optional<String> file = env.get(fileVariable);
    if (file.isPresent()) {
      Path path = ValueFiles.pointer(file.get()).orElse(Path.of(file.get()));
      return new FoundUrl(
          ValueFiles.readRequired(path, fileVariable), fileVariable + " (" + path + ")");
    }
    return new FoundUrl(DEFAULT_URL, "default");
  }

  /**
   * Rejects what the driver would reject later with a message naming neither the variable nor the
   * accepted forms; parsing also catches malformed hosts and ports, with the password masked.
   */
  private static void checkUrl(String url, String source) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("mongodb://") && !lower.startsWith("mongodb+srv://")) {
      throw new ConfigException(
          ErrorCode.INVALID_DATABASE_URL,
          source
              + "='"
              + UrlParser.maskForError(url)
              + "' is not valid: expected mongodb://[user:password@]"
              + "host[:port][,host...][/authdb][?options] or mongodb+srv://...");
    }
    try {
      UrlParser.parse(url);
    } catch (ConfigException e) {
      throw new ConfigException(e.code(), source + ": " + e.getMessage());
    }
  }

  /** MongoDB's own rules for database names, checked up front for a clear message. */
  private static void checkDatabaseName(String name) {
    if (name.length() > 63 || name.chars().anyMatch(c -> "/\\. \"$".indexOf(c) >= 0 || c == 0)) {
      throw SettingReader.invalid(
          DATABASE_VARIABLE, name, "a name of at most 63 characters without / \\ . space \" $");
    }
  }
}
