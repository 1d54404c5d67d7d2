package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.util.DriverDataSource;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Turns a connection target and pool settings into a HikariCP pool; the only HikariCP wiring. */
final class PoolBuilder {
  private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
  private static final String METRICS_HOOK =
      "dev.svcinfra.sql.internal.metrics.MicrometerPoolMetrics";

  private PoolBuilder() {}

  /** What keeps reconnecting for {@code pool}, which {@link #build} always puts in front. */
  static ReconnectingDataSource reconnecting(HikariDataSource pool) {
    return (ReconnectingDataSource) pool.getDataSource();
  }

  /**
   * @param server the server as logs may show it (password masked)
   * @param metrics where the pool reports; null for Micrometer's global registry when present
   */
  static HikariDataSource build(
      String poolName,
      String server,
      Dialect dialect,
      ConnectionTarget target,
      PoolSettings pool,
      TimeoutSettings timeouts,
      int poolLimit,
      boolean readOnly,
      MetricsTrackerFactory metrics) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    // Each new connection is set up by the dialect first where it needs to (SQLite's
    // case-folding function); the password travels in the driver properties, never in a URL.
    DataSource physical =
        dialect.initializesConnections()
            ? new ConnectionSetupDataSource(dialect, target)
            : new DriverDataSource(
                target.jdbcUrl(), target.driverClassName(), target.toProperties(), null, null);
    // After an outage the pool reconnects within a quarter of a second (issue 18).
    config.setDataSource(new ReconnectingDataSource(physical, dialect, poolName + " " + server));
    int max = Math.min(pool.maxConnections(), poolLimit);
    config.setMaximumPoolSize(max);
    config.setMinimumIdle(Math.min(pool.size(), max));
    config.setConnectionTimeout(pool.timeout().toMillis());
    // 0 means "never retire"; HikariCP spells that 0 too.
    config.setMaxLifetime(pool.recycle().toMillis());
    if (pool.maxOverflow() > 0) {
      // Overflow connections close after a minute idle, as SQLAlchemy's overflow does on return.
      config.setIdleTimeout(60_000);
    }
    // HikariCP validates a borrowed connection that sat idle for more than 500 ms with
    // Connection.isValid(); pre-ping adds a keepalive so idle connections are checked between
    // borrows too (see README: DB_POOL_PRE_PING).
    config.setKeepaliveTime(pool.prePing() ? 120_000 : 0);
    config.setValidationTimeout(validationMillis(timeouts));
    // Open lazily: a service can start, report "unhealthy" and wait for its database instead of
    // crashing when the database comes up a few seconds after it.
    config.setInitializationFailTimeout(-1);
    config.setReadOnly(readOnly);
    // A connection whose session the server ended is discarded at once, by the dialect's own
    // classification of lost connections (issue 16), and in the primary pool one whose server
    // refuses writes (issue 18).
    config.setExceptionOverride(new LostConnectionEviction(dialect, !readOnly));
    config.setAutoCommit(true);
    if (metrics != null) {
      config.setMetricsTrackerFactory(metrics);
    } else {
      publishMetrics(config);
    }
    return new HikariDataSource(config);
  }

  /**
   * How long HikariCP's liveness check of a borrowed connection may take: its 5 s default, but
   * never longer than opening a connection or the socket timeout. Against a frozen server each
   * borrow would otherwise spend 5 s on one dead connection, past the socket timeout that is meant
   * to bound the request (issue 18).
   */
  static long validationMillis(TimeoutSettings timeouts) {
    long bound = Math.min(5_000, timeouts.connect().toMillis());
    long socket = timeouts.socketTimeout().toMillis();
    if (socket > 0) {
      bound = Math.min(bound, socket);
    }
    // HikariCP refuses less than 250 ms.
    return Math.max(250, bound);
  }

  /** Hooks the pool to Micrometer when the application has it; a no-op otherwise. */
  @SuppressWarnings("unchecked")
  private static void publishMetrics(HikariConfig config) {
    ClassLoader loader = PoolBuilder.class.getClassLoader();
    try {
      Class.forName(MICROMETER, false, loader);
    } catch (ClassNotFoundException e) {
      return;
    }
    try {
      ((Consumer<HikariConfig>)
              Class.forName(METRICS_HOOK, true, loader)
                  .asSubclass(Consumer.class)
                  .getDeclaredConstructor()
                  .newInstance())
          .accept(config);
    } catch (ReflectiveOperationException | LinkageError e) {
      // A Micrometer too old for HikariCP's tracker: run without metrics rather than fail.
      org.slf4j.LoggerFactory.getLogger(PoolBuilder.class)
          .warn("pool metrics disabled: cannot connect HikariCP to Micrometer: {}", e.toString());
    }
  }
}
