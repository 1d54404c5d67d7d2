package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.config.TimeoutSettings;
import dev.svcinfra.config.TlsSettings;
import java.util.Objects;

/**
 * The settings a dialect folds into a JDBC URL besides the URL itself: connect timeout and TLS
 * defaults.
 *
 * @since 0.1
 */
public record ConnectionOptions(TimeoutSettings timeouts, TlsSettings tls) {
  public ConnectionOptions {
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
  }

  public static ConnectionOptions defaults() {
    return new ConnectionOptions(TimeoutSettings.defaults(), TlsSettings.defaults());
  }
}
