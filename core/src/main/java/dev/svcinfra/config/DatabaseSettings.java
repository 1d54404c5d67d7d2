package dev.svcinfra.config;

import dev.svcinfra.config.internal.DatabaseUrlResolver;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.PoolerSettings;
import dev.svcinfra.config.internal.PoolerUrlFlag;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.config.internal.TlsSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything needed to open a database: the primary URL and its source, an optional read replica
 * ({@code REPLICA_DB_URL} or {@code REPLICA_DB_URL_FILE}), pool, timeout and TLS settings, an
 * optional forced JDBC driver class ({@code DB_FORCE_DRIVER}), and the connection pooler in front
 * of the database with the direct URL around it ({@link PoolerSettings}).
 *
 * <p>A URL carrying {@code pgbouncer=true} loses the flag here and sets the pooler mode to {@link
 * PoolerMode#TRANSACTION}.
 *
 * <pre>{@code
 * DatabaseSettings settings = DatabaseSettings.from(Env.system());
 * DatabaseSettings custom = DatabaseSettings.of("postgresql://localhost/app")
 *     .withPool(PoolSettings.defaults().withSize(20));
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} masks passwords.
 *
 * @since 0.1
 */
public record DatabaseSettings(
    ResolvedUrl primary,
    Optional<ResolvedUrl> replica,
    PoolSettings pool,
    TimeoutSettings timeouts,
    TlsSettings tls,
    Optional<String> forceDriver,
    PoolerSettings pooler) {

  public static final String REPLICA_VARIABLE = "REPLICA_DB_URL";

  public DatabaseSettings {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(forceDriver, "forceDriver");
    Objects.requireNonNull(pooler, "pooler");
    for (ResolvedUrl url : urls(primary, replica)) {
      if (PoolerUrlFlag.says(url)) {
        pooler = PoolerUrlFlag.apply(pooler, url.source());
      }
    }
    primary = PoolerUrlFlag.strip(primary);
    replica = replica.map(PoolerUrlFlag::strip);
  }

  /** Settings without a pooler, as before {@code DB_POOLER} existed. */
  public DatabaseSettings(
      ResolvedUrl primary,
      Optional<ResolvedUrl> replica,
      PoolSettings pool,
      TimeoutSettings timeouts,
      TlsSettings tls,
      Optional<String> forceDriver) {
    this(primary, replica, pool, timeouts, tls, forceDriver, PoolerSettings.none());
  }

  /** All settings from the environment; the URL through {@link DatabaseUrlResolver}. */
  public static DatabaseSettings from(Env env) {
    return from(DatabaseUrlResolver.resolve(env), env);
  }

  /** Settings from the environment around an explicit URL (a {@code --database-url}, say). */
  public static DatabaseSettings from(ResolvedUrl primary, Env env) {
    return new DatabaseSettings(
        primary,
        DatabaseUrlResolver.fromVariable(env, REPLICA_VARIABLE),
        PoolSettings.from(env),
        TimeoutSettings.from(env),
        TlsSettings.from(env),
        env.get("DB_FORCE_DRIVER"),
        PoolerSettings.from(env));
  }

  /**
   * Settings from the environment, or around {@code fallbackUrl} when no variable names a database
   * (a service that can always start, on a local SQLite file say); the supplier runs only then.
   *
   * <pre>{@code
   * DatabaseSettings s = DatabaseSettings.from(Env.system(), () -> "sqlite:///app.db", "default");
   * }</pre>
   *
   * @param fallbackSource what {@code sql url} and the logs name as the URL's source
   */
  public static DatabaseSettings from(
      Env env, Supplier<String> fallbackUrl, String fallbackSource) {
    ResolvedUrl primary =
        DatabaseUrlResolver.find(env)
            .orElseGet(() -> new ResolvedUrl(DatabaseUrl.parse(fallbackUrl.get()), fallbackSource));
    return from(primary, env);
  }

  /** Default settings for one URL given in code. */
  public static DatabaseSettings of(String url) {
    return new DatabaseSettings(
        new ResolvedUrl(DatabaseUrl.parse(url), "code"),
        Optional.empty(),
        PoolSettings.defaults(),
        TimeoutSettings.defaults(),
        TlsSettings.defaults(),
        Optional.empty());
  }

  public DatabaseSettings withReplica(String url) {
    return new DatabaseSettings(
        primary,
        Optional.of(new ResolvedUrl(DatabaseUrl.parse(url), "code")),
        pool,
        timeouts,
        tls,
        forceDriver,
        pooler);
  }

  public DatabaseSettings withPool(PoolSettings value) {
    return new DatabaseSettings(primary, replica, value, timeouts, tls, forceDriver, pooler);
  }

  public DatabaseSettings withTimeouts(TimeoutSettings value) {
    return new DatabaseSettings(primary, replica, pool, value, tls, forceDriver, pooler);
  }

  public DatabaseSettings withTls(TlsSettings value) {
    return new DatabaseSettings(primary, replica, pool, timeouts, value, forceDriver, pooler);
  }

  public DatabaseSettings withForceDriver(String driverClass) {
    return new DatabaseSettings(
        primary, replica, pool, timeouts, tls, Optional.ofNullable(driverClass), pooler);
  }

  public DatabaseSettings withPooler(PoolerSettings value) {
    return new DatabaseSettings(primary, replica, pool, timeouts, tls, forceDriver, value);
  }

  /**
   * The settings for work that needs a whole server session (migrations and their lock): the direct
   * URL in place of the pooled one, no replica and no pooler; empty when no direct URL is set.
   */
  public Optional<DatabaseSettings> direct() {
    return pooler
        .direct()
        .map(
            d ->
                new DatabaseSettings(
                    d, Optional.empty(), pool, timeouts, tls, forceDriver, PoolerSettings.none()));
  }

  /** Whether connections to the primary keep one server session between transactions. */
  public boolean keepsSessions() {
    return pooler.keepsSessions();
  }

  private static List<ResolvedUrl> urls(ResolvedUrl primary, Optional<ResolvedUrl> replica) {
    return replica.isPresent() ? List.of(primary, replica.get()) : List.of(primary);
  }
}
