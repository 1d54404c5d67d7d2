package dev.svcinfra.config;

import dev.svcinfra.config.internal.SettingReader;
import java.time.Duration;

/**
 * Connection-pool settings: {@code DB_POOL_SIZE} (connections kept open, default 10), {@code
 * DB_MAX_OVERFLOW} (extra connections opened under load and closed when idle, default 0: HikariCP
 * recommends a fixed-size pool), {@code DB_POOL_TIMEOUT} (seconds a caller waits for a free
 * connection before a pool-exhausted error, default 30), {@code DB_POOL_RECYCLE} (seconds before a
 * connection is retired, default 1800) and {@code DB_POOL_PRE_PING} (validate a connection before
 * handing it out, default true).
 *
 * <pre>{@code
 * PoolSettings pool = PoolSettings.defaults().withSize(20).withTimeout(Duration.ofSeconds(5));
 * }</pre>
 *
 * @since 0.1
 */
public record PoolSettings(
    int size, int maxOverflow, Duration timeout, Duration recycle, boolean prePing) {
  public static final int DEFAULT_SIZE = 10;
  public static final int DEFAULT_MAX_OVERFLOW = 0;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECYCLE = Duration.ofMinutes(30);

  public PoolSettings {
    if (size < 1) {
      throw SettingReader.invalid("pool size", String.valueOf(size), "at least 1");
    }
    if (maxOverflow < 0) {
      throw SettingReader.invalid("max overflow", String.valueOf(maxOverflow), "0 or more");
    }
    // HikariCP refuses waits under 250 ms and lifetimes under 30 s; say so here, by our names.
    if (timeout.toMillis() < 250) {
      throw SettingReader.invalid("pool timeout", timeout.toMillis() + " ms", "at least 250 ms");
    }
    if (!recycle.isZero() && recycle.toSeconds() < 30) {
      throw SettingReader.invalid(
          "pool recycle", recycle.toSeconds() + " s", "0 (never) or at least 30 s");
    }
  }

  public static PoolSettings defaults() {
    return new PoolSettings(
        DEFAULT_SIZE, DEFAULT_MAX_OVERFLOW, DEFAULT_TIMEOUT, DEFAULT_RECYCLE, true);
  }

  /** Reads the {@code DB_POOL_*} variables, defaulting what is unset. */
  public static PoolSettings from(Env env) {
    SettingReader r = new SettingReader(env);
    return new PoolSettings(
        r.integer("DB_POOL_SIZE", DEFAULT_SIZE, 1, 10_000),
        r.integer("DB_MAX_OVERFLOW", DEFAULT_MAX_OVERFLOW, 0, 10_000),
        r.optionalInteger("DB_POOL_TIMEOUT", 1, 86_400)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_TIMEOUT),
        r.optionalInteger("DB_POOL_RECYCLE", 0, 864_000)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_RECYCLE),
        r.bool("DB_POOL_PRE_PING", true));
  }

  /** The most connections the pool opens: size plus overflow. */
  public int maxConnections() {
    return size + maxOverflow;
  }

  public PoolSettings withSize(int value) {
    return new PoolSettings(value, maxOverflow, timeout, recycle, prePing);
  }

  public PoolSettings withMaxOverflow(int value) {
    return new PoolSettings(size, value, timeout, recycle, prePing);
  }

  public PoolSettings withTimeout(Duration value) {
    return new PoolSettings(size, maxOverflow, value, recycle, prePing);
  }

  public PoolSettings withRecycle(Duration value) {
    return new PoolSettings(size, maxOverflow, timeout, value, prePing);
  }

  public PoolSettings withPrePing(boolean value) {
    return new PoolSettings(size, maxOverflow, timeout, recycle, value);
  }
}
