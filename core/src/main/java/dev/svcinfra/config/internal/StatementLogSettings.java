package dev.svcinfra.config.internal;

import dev.svcinfra.config.Env;
import java.time.Duration;

/**
 * SQL statement logging: {@code DB_LOG_BIND_VALUES} (show bind values in DEBUG lines instead of
 * {@code ***}, default false: values may be personal data or secrets) and {@code
 * DB_SLOW_STATEMENT_MS} (statements at least this slow log a WARN, default 1000; 0 turns the
 * warning off).
 *
 * <pre>{@code
 * StatementLogSettings log = StatementLogSettings.from(Env.system());
 * Database db = Database.open(DatabaseSettings.from(env), log);
 * }</pre>
 *
 * @since 0.1
 */
public record StatementLogSettings(boolean logBindValues, Duration slowThreshold) {
  public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(1);

  public StatementLogSettings {
    if (slowThreshold.isNegative()) {
      throw SettingReader.invalid(
          "DB_SLOW_STATEMENT_MS", slowThreshold.toMillis() + "", "0 or more");
    }
  }

  public static StatementLogSettings defaults() {
    return new StatementLogSettings(false, DEFAULT_SLOW_THRESHOLD);
  }

  public static StatementLogSettings from(Env env) {
    SettingReader r = new SettingReader(env);
    return new StatementLogSettings(
        r.bool("DB_LOG_BIND_VALUES", false),
        r.optionalInteger("DB_SLOW_STATEMENT_MS", 0, Integer.MAX_VALUE)
            .map(ms -> Duration.ofMillis(ms))
            .orElse(DEFAULT_SLOW_THRESHOLD));
  }

  public StatementLogSettings withLogBindValues(boolean value) {
    return new StatementLogSettings(value, slowThreshold);
  }

  public StatementLogSettings withSlowThreshold(Duration value) {
    return new StatementLogSettings(logBindValues, value);
  }
}
