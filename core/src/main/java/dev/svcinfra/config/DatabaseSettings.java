package dev.svcinfra.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to open a database: the primary URL and its source, an optional read replica
 * ({@code REPLICA_DB_URL} or {@code REPLICA_DB_URL_FILE}), pool, timeout and TLS settings, and an
 * optional forced JDBC driver class ({@code DB_FORCE_DRIVER}).
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
    Optional<String> forceDriver) {

  public static final String REPLICA_VARIABLE = "REPLICA_DB_URL";

  public DatabaseSettings {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(forceDriver, "forceDriver");
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
        env.get("DB_FORCE_DRIVER"));
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
        forceDriver);
  }

  public DatabaseSettings withPool(PoolSettings value) {
    return new DatabaseSettings(primary, replica, value, timeouts, tls, forceDriver);
  }

  public DatabaseSettings withTimeouts(TimeoutSettings value) {
    return new DatabaseSettings(primary, replica, pool, value, tls, forceDriver);
  }

  public DatabaseSettings withTls(TlsSettings value) {
    return new DatabaseSettings(primary, replica, pool, timeouts, value, forceDriver);
  }

  public DatabaseSettings withForceDriver(String driverClass) {
    return new DatabaseSettings(
        primary, replica, pool, timeouts, tls, Optional.ofNullable(driverClass));
  }
}
