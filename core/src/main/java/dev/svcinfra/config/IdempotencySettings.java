package dev.svcinfra.config;

import dev.svcinfra.config.internal.SettingReader;
import java.time.Duration;

/**
 * Idempotency keys ({@code Idempotency-Key} on POST and PATCH): {@code IDEMPOTENCY_KEY_TTL}
 * (seconds a completed request's response is kept for replay, default 86400 = 24 h) and {@code
 * IDEMPOTENCY_KEY_LEASE} (seconds a request being processed holds its key, default 10; a request
 * whose process died frees its key after this long).
 *
 * <pre>{@code
 * IdempotencySettings keys = IdempotencySettings.from(Env.system());
 * IdempotencySettings week = IdempotencySettings.defaults().withTtl(Duration.ofDays(7));
 * }</pre>
 *
 * @since 0.1
 */
public record IdempotencySettings(Duration ttl, Duration lease) {
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

  /** One year: a key kept longer than this is a configuration mistake, not a policy. */
  private static final int MAX_TTL_SECONDS = 366 * 24 * 3600;

  /** One hour: no request holds its transaction that long. */
  private static final int MAX_LEASE_SECONDS = 3600;

  public IdempotencySettings {
    if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw SettingReader.invalid(
          "IDEMPOTENCY_KEY_TTL", String.valueOf(ttl), "a duration of at least 1 s");
    }
    if (ttl.compareTo(Duration.ofSeconds(MAX_TTL_SECONDS)) > 0) {
      throw SettingReader.invalid(
          "IDEMPOTENCY_KEY_TTL", ttl.toSeconds() + " s", "at most " + MAX_TTL_SECONDS + " s");
    }
    if (lease == null || lease.compareTo(Duration.ofMillis(1)) < 0) {
      throw SettingReader.invalid(
          "IDEMPOTENCY_KEY_LEASE", String.valueOf(lease), "a duration of at least 1 ms");
    }
    if (lease.compareTo(Duration.ofSeconds(MAX_LEASE_SECONDS)) > 0) {
      throw SettingReader.invalid(
          "IDEMPOTENCY_KEY_LEASE", lease.toSeconds() + " s", "at most " + MAX_LEASE_SECONDS + " s");
    }
  }

  public static IdempotencySettings defaults() {
    return new IdempotencySettings(DEFAULT_TTL, DEFAULT_LEASE);
  }

  public static IdempotencySettings from(Env env) {
    SettingReader r = new SettingReader(env);
    return new IdempotencySettings(
        r.optionalInteger("IDEMPOTENCY_KEY_TTL", 1, MAX_TTL_SECONDS)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_TTL),
        r.optionalInteger("IDEMPOTENCY_KEY_LEASE", 1, MAX_LEASE_SECONDS)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_LEASE));
  }

  public IdempotencySettings withTtl(Duration value) {
    return new IdempotencySettings(value, lease);
  }

  public IdempotencySettings withLease(Duration value) {
    return new IdempotencySettings(ttl, value);
  }
}
