package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.config.TimeoutSettings;
import dev.svcinfra.config.TlsSettings;
import java.util.Objects;

/**
 * The settings a dialect folds into a JDBC URL besides the URL itself: connect and socket timeouts,
 * TLS defaults, and which pool the connections serve. With several hosts in a URL, the primary
 * pool's connections go to the server that accepts writes and the replica pool's prefer a standby,
 * unless the URL says otherwise ({@code target_session_attrs}).
 *
 * @param replica whether the connections serve the read replica pool
 * @since 0.1
 */
public record ConnectionOptions(TimeoutSettings timeouts, TlsSettings tls, boolean replica) {
  public ConnectionOptions {
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
  }

  /** Options for the primary pool. */
  public ConnectionOptions(TimeoutSettings timeouts, TlsSettings tls) {
    this(timeouts, tls, false);
  }

  public static ConnectionOptions defaults() {
    return new ConnectionOptions(TimeoutSettings.defaults(), TlsSettings.defaults());
  }

  /** These options for the replica pool's connections. */
  public ConnectionOptions forReplica() {
    return new ConnectionOptions(timeouts, tls, true);
  }
}
