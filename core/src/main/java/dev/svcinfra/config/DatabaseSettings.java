package dev.svcinfra.config;

import dev.svcinfra.config.internal.DatabaseUrlResolver;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.PoolerSettings;
import dev.svcinfra.config.internal.PoolerUrlFlag;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.config.internal.SettingReader;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.config.internal.TlsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything needed to open a database: the primary URL and its source, an optional read replica
 * ({@code REPLICA_DB_URL} or {@code REPLICA_DB_URL_FILE}), pool, timeout and TLS settings, an
 * optional forced JDBC driver class ({@code DB_FORCE_DRIVER}), the connection pooler in front of
 * the database with the direct URL around it ({@link PoolerSettings}), and how far a replica may
 * lag behind the primary before reads skip it ({@code DB_REPLICA_MAX_LAG}, whole seconds, default
 * {@value #DEFAULT_REPLICA_MAX_LAG_SECONDS}).
 *
 * <p>A replica URL naming several hosts ({@code postgresql://app@r1:5432,r2:5432/app}) stands for
 * several replicas, one pool each ({@link #replicaServers()}), unless it asks the driver to choose
 * among them (MySQL's and MariaDB's {@code jdbc:mysql:loadbalance://} modes).
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
    PoolerSettings pooler,
    Duration replicaMaxLag) {

  public static final String REPLICA_VARIABLE = "REPLICA_DB_URL";

  /** The variable that bounds a replica's lag for reads and health. */
  public static final String REPLICA_MAX_LAG_VARIABLE = "DB_REPLICA_MAX_LAG";

  /** How far behind a replica may be, in seconds, before reads go to the primary instead. */
  public static final int DEFAULT_REPLICA_MAX_LAG_SECONDS = 30;

  /** The largest {@code DB_REPLICA_MAX_LAG} accepted: a day. */
  static final int MAX_REPLICA_MAX_LAG_SECONDS = 86_400;

  public DatabaseSettings {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(forceDriver, "forceDriver");
    Objects.requireNonNull(pooler, "pooler");
    Objects.requireNonNull(replicaMaxLag, "replicaMaxLag");
    if (replicaMaxLag.isNegative() || replicaMaxLag.isZero()) {
      throw SettingReader.invalid(
          "maximum replica lag", replicaMaxLag.toString(), "a positive duration");
    }
    for (ResolvedUrl url : urls(primary, replica)) {
      if (PoolerUrlFlag.says(url)) {
        pooler = PoolerUrlFlag.apply(pooler, url.source());
      }
    }
    primary = PoolerUrlFlag.strip(primary);
    replica = replica.map(PoolerUrlFlag::strip);
  }

  /** Settings with the default maximum replica lag. */
  public DatabaseSettings(
      ResolvedUrl primary,
      Optional<ResolvedUrl> replica,
      PoolSettings pool,
      TimeoutSettings timeouts,
      TlsSettings tls,
      Optional<String> forceDriver,
      PoolerSettings pooler) {
    this(
        primary,
        replica,
        pool,
        timeouts,
        tls,
        forceDriver,
        pooler,
        Duration.ofSeconds(DEFAULT_REPLICA_MAX_LAG_SECONDS));
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
        PoolerSettings.from(env),
        Duration.ofSeconds(
            new SettingReader(env)
                .integer(
                    REPLICA_MAX_LAG_VARIABLE,
                    DEFAULT_REPLICA_MAX_LAG_SECONDS,
                    1,
                    MAX_REPLICA_MAX_LAG_SECONDS)));
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
        pooler,
        replicaMaxLag);
  }

  public DatabaseSettings withPool(PoolSettings value) {
    return new DatabaseSettings(
        primary, replica, value, timeouts, tls, forceDriver, pooler, replicaMaxLag);
  }

  public DatabaseSettings withTimeouts(TimeoutSettings value) {
    return new DatabaseSettings(
        primary, replica, pool, value, tls, forceDriver, pooler, replicaMaxLag);
  }

  public DatabaseSettings withTls(TlsSettings value) {
    return new DatabaseSettings(
        primary, replica, pool, timeouts, value, forceDriver, pooler, replicaMaxLag);
  }

  public DatabaseSettings withForceDriver(String driverClass) {
    return new DatabaseSettings(
        primary,
        replica,
        pool,
        timeouts,
        tls,
        Optional.ofNullable(driverClass),
        pooler,
        replicaMaxLag);
  }

  public DatabaseSettings withPooler(PoolerSettings value) {
    return new DatabaseSettings(
        primary, replica, pool, timeouts, tls, forceDriver, value, replicaMaxLag);
  }

  /**
   * These settings with reads skipping a replica that lags more than {@code value} behind the
   * primary (and the health check calling it degraded).
   */
  public DatabaseSettings withReplicaMaxLag(Duration value) {
    return new DatabaseSettings(primary, replica, pool, timeouts, tls, forceDriver, pooler, value);
  }

  /**
   * The replica servers, one URL each: a replica URL naming several hosts gives one URL per host,
   * in the order written; empty without a replica.
   */
  public List<ResolvedUrl> replicaServers() {
    return replica.map(ReplicaHosts::split).orElse(List.of());
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
