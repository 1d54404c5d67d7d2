package dev.svcinfra.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Time limits: {@code DB_CONNECT_TIMEOUT} (seconds to open a connection, default 10) and {@code
 * DB_STATEMENT_TIMEOUT_MS} (server-side limit per statement inside a transaction; unset means
 * none).
 *
 * @since 0.1
 */
public record TimeoutSettings(Duration connect, Optional<Duration> statement) {
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);

  public TimeoutSettings {
    if (connect.isNegative() || connect.isZero()) {
      throw SettingReader.invalid("connect timeout", connect.toString(), "a positive duration");
    }
    statement.ifPresent(
        s -> {
          if (s.isNegative() || s.isZero()) {
            throw SettingReader.invalid("statement timeout", s.toMillis() + " ms", "at least 1 ms");
          }
        });
  }

  public static TimeoutSettings defaults() {
    return new TimeoutSettings(DEFAULT_CONNECT, Optional.empty());
  }

  public static TimeoutSettings from(Env env) {
    SettingReader r = new SettingReader(env);
    return new TimeoutSettings(
        r.optionalInteger("DB_CONNECT_TIMEOUT", 1, 3_600)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_CONNECT),
        r.optionalInteger("DB_STATEMENT_TIMEOUT_MS", 1, Integer.MAX_VALUE)
            .map(ms -> Duration.ofMillis(ms)));
  }

  public TimeoutSettings withConnect(Duration value) {
    return new TimeoutSettings(value, statement);
  }

  public TimeoutSettings withStatement(Duration value) {
    return new TimeoutSettings(connect, Optional.ofNullable(value));
  }
}
