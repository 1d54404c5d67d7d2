package dev.svcinfra.config.internal;

import dev.svcinfra.config.Env;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * TLS defaults. For PostgreSQL the effective {@code sslmode} is the URL's own {@code sslmode} (or
 * {@code ssl=true}), else {@code PGSSLMODE}, else {@code DB_SSLMODE_DEFAULT}, else {@code require}:
 * production traffic is encrypted unless someone opts out. Other dialects take their TLS parameters
 * from the URL (see the dialect's Javadoc).
 *
 * @since 0.1
 */
public record TlsSettings(String sslModeDefault, Optional<String> pgSslMode) {
  /** The libpq sslmode values, weakest first. */
  public static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public static final String DEFAULT_SSL_MODE = "require";

  public TlsSettings {
    sslModeDefault = checkMode("DB_SSLMODE_DEFAULT", sslModeDefault);
    pgSslMode = pgSslMode.map(mode -> checkMode("PGSSLMODE", mode));
  }

  public static TlsSettings defaults() {
    return new TlsSettings(DEFAULT_SSL_MODE, Optional.empty());
  }

  public static TlsSettings from(Env env) {
    return new TlsSettings(
        env.get("DB_SSLMODE_DEFAULT").orElse(DEFAULT_SSL_MODE), env.get("PGSSLMODE"));
  }

  /** The sslmode to use when the URL names none: {@code PGSSLMODE}, then the default. */
  public String effectiveDefault() {
    return pgSslMode.orElse(sslModeDefault);
  }

  /**
   * Validates an sslmode value, naming {@code setting} when it is not one of {@link #SSL_MODES}.
   */
  public static String checkMode(String setting, String mode) {
    String m = mode.trim().toLowerCase(Locale.ROOT);
    if (!SSL_MODES.contains(m)) {
      throw SettingReader.invalid(setting, mode, "one of " + String.join(", ", SSL_MODES));
    }
    return m;
  }
}
