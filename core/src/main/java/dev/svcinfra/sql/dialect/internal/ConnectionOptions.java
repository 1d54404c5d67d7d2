package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.config.internal.TlsSettings;
import java.util.Objects;

/**
 * The settings a dialect folds into a JDBC URL besides the URL itself: connect and socket timeouts,
 * TLS defaults, which pool the connections serve, and the pooler they go through. With several
 * hosts in a URL, the primary pool's connections go to the server that accepts writes and the
 * replica pool's prefer a standby, unless the URL says otherwise ({@code target_session_attrs}). A
 * transaction pooler rules out driver features that keep state in the server session.
 *
 * @param replica whether the connections serve the read replica pool
 * @param pooler the connection pooler between the pool and the database
 * @since 0.1
 */
public record ConnectionOptions(
    TimeoutSettings timeouts, TlsSettings tls, boolean replica, PoolerMode pooler) {
  public ConnectionOptions {
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(pooler, "pooler");
  }

  /** Options for a pool that reaches the database without a pooler. */
  public ConnectionOptions(TimeoutSettings timeouts, TlsSettings tls, boolean replica) {
    this(timeouts, tls, replica, PoolerMode.NONE);
  }

  /** Options for the primary pool, without a pooler. */
  public ConnectionOptions(TimeoutSettings timeouts, TlsSettings tls) {
    this(timeouts, tls, false);
  }

  public static ConnectionOptions defaults() {
    return new ConnectionOptions(TimeoutSettings.defaults(), TlsSettings.defaults());
  }

  /** These options for the replica pool's connections. */
  public ConnectionOptions forReplica() {
    return new ConnectionOptions(timeouts, tls, true, pooler);
  }

  /** These options for connections that go through {@code mode}. */
  public ConnectionOptions withPooler(PoolerMode mode) {
    return new ConnectionOptions(timeouts, tls, replica, mode);
  }
}
