package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseException;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a SQL database: a connection and the dialect's ping query ({@code SELECT 1}) within the
 * timeout. With read replicas configured, each replica is judged too (issue 20): one that is
 * unreachable, receives nothing from its primary (PostgreSQL: no streaming WAL receiver; MySQL and
 * MariaDB: IO thread stopped), does not replay (replay paused, SQL thread stopped), or lags further
 * behind than allowed ({@code DB_REPLICA_MAX_LAG}) or by an unknown amount makes the result
 * degraded, not unhealthy, since the primary still serves and takes the reads. The message names
 * the condition ("not streaming from the primary: no WAL receiver is running", "WAL replay is
 * paused", "lag 42604 ms > limit 30000 ms"); details carry {@code replica_lag_ms}. PostgreSQL's lag
 * compares the primary's write position with the replica's replay position over time, so a quiet
 * primary does not look like lag and a replica cut off from a busy one does.
 *
 * <pre>{@code
 * registry.add("database", DatabaseCheck.of(db));                          // the service's pool
 * registry.add("database", DatabaseCheck.of("postgresql://app@db/app"));   // a fresh connection
 * }</pre>
 *
 * <p>The primary must also accept writes: connected to a standby or a read-only server it is
 * unhealthy, with the reason ("in recovery"), and the connection is given up.
 *
 * <p>Given a {@link Database}, the check borrows from its primary pool, so it sees what requests
 * see (an exhausted pool included), and reports the replicas as the database's background probe
 * last found them, which is also what decides where reads go. It waits for a pooled connection for
 * at most four fifths of its timeout, never for the pool's own longer timeout, and reports why none
 * came: the driver's reason and SQLState when the pool cannot connect (a refused connection, a
 * rejected login), or that the pool is exhausted. Given a URL or settings, each run opens and
 * closes one connection with the check's timeout as connect timeout; nothing stays open between
 * runs. Messages name the server with the password masked.
 *
 * @since 0.1
 */
public final class DatabaseCheck implements HealthCheck {
  /** The default bound of ping and connect. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** How far a replica may lag before the check reports degraded, unless the settings say. */
  public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(30);

  /** Opens a connection within the check's timeout. */
  private interface Opener {
    Connection open(Duration timeout) throws SQLException;

    /**
     * Gives up a connection for good; a pool replaces it. A connection opened for the check alone
     * has nothing to give back: closing it is enough.
     */
    default void discard(Connection unused) {}
  }

  private final Dialect dialect;
  private final String display;
  private final String secret;
  private final Opener primary;
  private final ReplicaView replicas;
  private final Duration timeout;
  private final Duration maxReplicaLag;

  private DatabaseCheck(
      Dialect dialect,
      String display,
      String secret,
      Opener primary,
      ReplicaView replicas,
      Duration timeout,
      Duration maxReplicaLag) {
    this.dialect = dialect;
    this.display = display;
    this.secret = secret;
    this.primary = primary;
    this.timeout = positive("timeout", timeout);
    this.maxReplicaLag = positive("maximum replica lag", maxReplicaLag);
    this.replicas = replicas == null ? null : replicas.withLimits(this.maxReplicaLag, this.timeout);
  }

  /** Checks the pools of an open database (the replica's too, when it has one). */
  public static DatabaseCheck of(Database database) {
    Objects.requireNonNull(database, "database");
    String password = database.settings().primary().url().password().orElse(null);
    return new DatabaseCheck(
        database.dialect(),
        database.displayUrl(),
        password,
        new Opener() {
          @Override
          public Connection open(Duration t) {
            return database.connection(poolWait(t));
          }

          @Override
          public void discard(Connection c) {
            database.discard(c);
          }
        },
        database.hasReplica() ? ReplicaView.of(database) : null,
        DEFAULT_TIMEOUT,
        database.settings().replicaMaxLag());
  }

  /**
   * How long a run waits for a pooled connection. Not the pool's timeout (30 s by default, and a
   * first wait of the connect timeout, 10 s, while the database is down): the registry would give
   * up on the check first and report only "timed out", losing the driver's reason. Four fifths of
   * the check's timeout leaves the rest for the ping, and lets the check's own answer arrive before
   * a registry that waits the same timeout.
   */
  static Duration poolWait(Duration timeout) {
    Duration wait = timeout.multipliedBy(4).dividedBy(5);
    return wait.isZero() ? timeout : wait;
  }

  /** Checks {@code url} with a fresh connection per run, default TLS settings. */
  public static DatabaseCheck of(String url) {
    return of(DatabaseSettings.of(url));
  }

  /**
   * Checks the primary (and replica, if any) of {@code settings} with a fresh connection per run.
   */
  public static DatabaseCheck of(DatabaseSettings settings) {
    ResolvedUrl url = settings.primary();
    Dialect dialect = Dialects.forUrl(url.url());
    return new DatabaseCheck(
        dialect,
        dialect.displayUrl(url.url(), true),
        url.url().password().orElse(null),
        t -> connect(dialect, url.url(), settings, false, t),
        settings.replica().isPresent()
            ? ReplicaView.probing(
                dialect,
                settings.replicaServers(),
                (server, t) -> connect(dialect, server.url(), settings, true, t))
            : null,
        DEFAULT_TIMEOUT,
        settings.replicaMaxLag());
  }

  /** This check with another bound for connecting and for the ping query. */
  public DatabaseCheck withTimeout(Duration value) {
    return new DatabaseCheck(dialect, display, secret, primary, replicas, value, maxReplicaLag);
  }

  /** This check reporting degraded when the replica lags more than {@code value}. */
  public DatabaseCheck withMaxReplicaLag(Duration value) {
    return new DatabaseCheck(dialect, display, secret, primary, replicas, timeout, value);
  }

  @Override
  public CheckResult check() {
    try (Connection c = primary.open(timeout)) {
      ping(c);
      Optional<String> refusal = refusesWrites(c);
      if (refusal.isPresent()) {
        // Not ready: every write would fail. The pool replaces the connection, so a multi-host
        // URL finds the server that accepts writes again (issue 18).
        primary.discard(c);
        return CheckResult.unhealthy("database " + display + " refuses writes: " + refusal.get())
            .withDetail("primary_read_only", true);
      }
      if (replicas != null) {
        replicas.samplePrimary(c);
      }
    } catch (SQLException | DatabaseException e) {
      return CheckResult.unhealthy(reason("database " + display, e));
    }
    CheckResult result = CheckResult.healthy();
    return replicas == null
        ? result
        : ReplicaReport.apply(result, replicas.states(), maxReplicaLag, secret);
  }

  /** Why the server refuses writes, when it does. */
  private Optional<String> refusesWrites(Connection c) throws SQLException {
    if (dialect.refusesWritesQuery().isEmpty()) {
      return Optional.empty();
    }
    try (Statement st = statement(c);
        ResultSet rs = st.executeQuery(dialect.refusesWritesQuery().get())) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    }
  }

  private void ping(Connection c) throws SQLException {
    try (Statement st = statement(c);
        ResultSet rs = st.executeQuery(dialect.pingQuery())) {
      if (!rs.next()) {
        throw new SQLException("the ping query '" + dialect.pingQuery() + "' answered no row");
      }
    }
  }

  private Statement statement(Connection c) throws SQLException {
    Statement st = c.createStatement();
    try {
      st.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
    } catch (SQLFeatureNotSupportedException e) {
      // DuckDB has no query timeout; the registry's timeout still bounds the check.
    }
    return st;
  }

  private String reason(String what, Exception e) {
    String text = e.getMessage() == null ? "no reason given by the driver" : e.getMessage();
    // Database's own exceptions already name the server; driver exceptions do not.
    String message = e instanceof DatabaseException ? text : what + ": " + text;
    return SecretMask.apply(message, secret);
  }

  private static Connection connect(
      Dialect dialect,
      DatabaseUrl url,
      DatabaseSettings settings,
      boolean replica,
      Duration timeout)
      throws SQLException {
    ConnectionOptions options =
        new ConnectionOptions(settings.timeouts().withConnect(timeout), settings.tls(), replica)
            .withPooler(settings.pooler().mode());
    ConnectionTarget target = dialect.connectionTarget(url, options);
    String driver = settings.forceDriver().orElse(target.driverClassName());
    try {
      Class.forName(driver, true, DatabaseCheck.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new SQLException(
          "the JDBC driver "
              + driver
              + " is not on the classpath (add "
              + dialect.driverArtifact()
              + ")",
          "08001");
    }
    return DriverManager.getConnection(target.jdbcUrl(), target.toProperties());
  }

  private static Duration positive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the database check's " + what + " must be positive, got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "DatabaseCheck[" + display + "]";
  }
}
