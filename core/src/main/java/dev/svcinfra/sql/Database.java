package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open database: a tuned HikariCP pool for the primary, an optional read-only pool for the
 * replica, and the dialect that speaks to both.
 *
 * <pre>{@code
 * try (Database db = Database.fromEnvironment()) {       // SQL_URL, DATABASE_URL, ... DB_*
 *   try (Connection c = db.connection()) { ... }
 * }
 * }</pre>
 *
 * <p>Pools open lazily: creating a {@code Database} never waits for the server, so a service can
 * start and report its database unhealthy until it answers. Configuration errors (no URL, bad
 * values, missing driver) fail here, at once.
 *
 * @since 0.1
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /**
   * The logger every SQL statement is written to: DEBUG per statement with duration and masked bind
   * values, WARN for slow statements ({@code DB_SLOW_STATEMENT_MS}).
   */
  public static final String STATEMENT_LOGGER = "dev.svcinfra.sql.statements";

  private final DatabaseSettings settings;
  private final Dialect dialect;
  private final ConnectionTarget primaryTarget;
  private final HikariDataSource primary;
  private final HikariDataSource replica;
  private final OutageAwareBorrow primaryBorrow;
  private final OutageAwareBorrow replicaBorrow;
  private final TransactionRunner transactions;

  private Database(DatabaseSettings settings, StatementLogSettings logSettings) {
    this.settings = settings;
    DatabaseUrl url = settings.primary().url();
    this.dialect = Dialects.forUrl(url);
    ConnectionOptions options =
        new ConnectionOptions(settings.timeouts(), settings.tls())
            .withPooler(settings.pooler().mode());
    this.primaryTarget = withForcedDriver(dialect.connectionTarget(url, options));
    DriverMissingException.requireFor(dialect, primaryTarget.driverClassName());
    ConnectionTarget replicaTarget =
        settings.replica().map(r -> replicaTarget(r, options)).orElse(null);
    settings
        .pooler()
        .direct()
        .ifPresent(d -> SameDatabase.require(dialect, d, "the direct URL", SameDatabase.DIRECT));
    dialect.prepare(url);
    this.primary =
        PoolBuilder.build(
            "svc-infra-primary",
            dialect.displayUrl(url, true),
            dialect,
            primaryTarget,
            settings.pool(),
            settings.timeouts(),
            dialect.poolLimit(url).orElse(Integer.MAX_VALUE),
            false);
    this.replica =
        replicaTarget == null
            ? null
            : PoolBuilder.build(
                "svc-infra-replica",
                dialect.displayUrl(settings.replica().orElseThrow().url(), true),
                dialect,
                replicaTarget,
                settings.pool(),
                settings.timeouts(),
                Integer.MAX_VALUE,
                true);
    this.primaryBorrow = new OutageAwareBorrow(primary, settings.timeouts().connect());
    this.replicaBorrow =
        replica == null ? null : new OutageAwareBorrow(replica, settings.timeouts().connect());
    this.transactions = new TransactionRunner(this, new StatementLog(logSettings));
    LOG.info(
        "database {} ({}) from {}{}",
        dialect.displayUrl(url, true),
        dialect.name(),
        settings.primary().source(),
        settings.replica().map(r -> ", replica " + dialect.displayUrl(r.url(), true)).orElse(""));
  }

  /** Opens the database the environment names (process variables and {@code .env}). */
  public static Database fromEnvironment() {
    Env env = Env.system();
    return open(DatabaseSettings.from(env), StatementLogSettings.from(env));
  }

  /** Opens {@code url} with default pool, timeout and TLS settings. */
  public static Database open(String url) {
    return open(DatabaseSettings.of(url));
  }

  /** Opens a database with default statement logging (values masked, WARN from 1 s). */
  public static Database open(DatabaseSettings settings) {
    return new Database(settings, StatementLogSettings.defaults());
  }

  public static Database open(DatabaseSettings settings, StatementLogSettings log) {
    return new Database(settings, log);
  }

  // ---- transactions ---------------------------------------------------------------------------

  /**
   * Runs {@code work} in a read-write transaction on the primary and returns its result: commit
   * when it returns, rollback when it throws (the exception propagates unchanged) or when it marked
   * the transaction {@link Transaction#setRollbackOnly()}. Called while this thread already runs a
   * transaction of this database, it joins that transaction.
   */
  public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> work) throws X {
    return transactions.run(TransactionOptions.defaults(), work);
  }

  /**
   * Runs {@code work} in a transaction with {@code options}: read-only ones are served by the
   * replica pool when one is configured, read-write ones (everything that writes) by the primary.
   */
  public <R, X extends Exception> R inTransaction(
      TransactionOptions options, TransactionCallback<R, X> work) throws X {
    return transactions.run(options, work);
  }

  /**
   * {@link #inTransaction(TransactionCallback)} for a read-only block (replica when configured).
   */
  public <R, X extends Exception> R inReadOnlyTransaction(TransactionCallback<R, X> work) throws X {
    return transactions.run(TransactionOptions.readOnly(), work);
  }

  /**
   * A read-only block that sees the writes {@code token} covers: on the replica once it has applied
   * them (waiting at most 100 ms), else on the primary, as is a token of another database. Null
   * means no constraint. See docs/deployment.md, "Read replicas".
   *
   * @since 0.2
   */
  public <R, X extends Exception> R inReadOnlyTransaction(
      ConsistencyToken token, TransactionCallback<R, X> work) throws X {
    return transactions.run(TransactionOptions.readOnly(), token, work);
  }

  /**
   * {@link #inTransaction(TransactionOptions, TransactionCallback)}; replica reads obey {@code
   * token}.
   */
  public <R, X extends Exception> R inTransaction(
      TransactionOptions options, ConsistencyToken token, TransactionCallback<R, X> work) throws X {
    return transactions.run(options, token, work);
  }

  /**
   * A token covering every commit the primary has made so far, for the reads that must see them;
   * empty where the dialect or server has no replication position (issue 20).
   *
   * @since 0.2
   */
  public Optional<ConsistencyToken> consistencyToken() {
    return transactions.readYourWrites().issue();
  }

  /** Runs {@code work} in a read-write transaction; commit on return, rollback on throw. */
  public <X extends Exception> void useTransaction(TransactionConsumer<X> work) throws X {
    useTransaction(TransactionOptions.defaults(), work);
  }

  public <X extends Exception> void useTransaction(
      TransactionOptions options, TransactionConsumer<X> work) throws X {
    transactions.run(
        options,
        tx -> {
          work.useTransaction(tx);
          return null;
        });
  }

  /** The transaction this thread is running on this database, if any. */
  public Optional<Transaction> currentTransaction() {
    return Optional.ofNullable(transactions.current());
  }

  /**
   * Opens one connection now and gives it back, failing with {@link DatabaseUnavailableException}
   * as soon as the driver says why there is none (refused, login rejected, TLS, unknown host)
   * rather than after the pool's whole timeout; a server that does not answer at all gets {@code
   * DB_CONNECT_TIMEOUT}. For start-up checks and one-off commands: the pool itself opens lazily.
   *
   * @since 0.2
   */
  public void checkConnection() {
    FirstConnection.await(this);
  }

  /** Connections currently borrowed from both pools (0 when every block has finished). */
  public int activeConnections() {
    int active =
        primary.getHikariPoolMXBean() == null
            ? 0
            : primary.getHikariPoolMXBean().getActiveConnections();
    if (replica != null && replica.getHikariPoolMXBean() != null) {
      active += replica.getHikariPoolMXBean().getActiveConnections();
    }
    return active;
  }

  /**
   * Closes a connection borrowed from the primary pool for good instead of returning it, for a
   * connection whose session can no longer be trusted (a session lock it could not release, a
   * setting it could not undo); the pool opens a fresh one in its place.
   */
  public void discard(Connection c) {
    evict(c, false);
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // Evicting a live connection closes it at once; HikariCP's close() then fails resetting a
      // changed setting (the network timeout) on it, after it has already let the entry go.
      LOG.debug("closing a discarded connection failed", e);
    }
  }

  /** Removes a broken connection from whichever pool lent it. */
  void evict(Connection c, boolean fromReadPool) {
    (fromReadPool && replica != null ? replica : primary).evictConnection(c);
  }

  private ConnectionTarget replicaTarget(ResolvedUrl replicaUrl, ConnectionOptions options) {
    SameDatabase.require(dialect, replicaUrl, "the replica", "a replica must be the same database");
    return withForcedDriver(dialect.connectionTarget(replicaUrl.url(), options.forReplica()));
  }

  private ConnectionTarget withForcedDriver(ConnectionTarget target) {
    return settings
        .forceDriver()
        .map(driver -> new ConnectionTarget(target.jdbcUrl(), driver, target.properties()))
        .orElse(target);
  }

  public Dialect dialect() {
    return dialect;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /** The primary pool. */
  public DataSource dataSource() {
    return primary;
  }

  /** The replica pool when one is configured, else the primary. */
  public DataSource readDataSource() {
    return replica != null ? replica : primary;
  }

  public boolean hasReplica() {
    return replica != null;
  }

  /** The JDBC URL of the primary (no password in it). */
  public String jdbcUrl() {
    return primaryTarget.jdbcUrl();
  }

  /** The primary's URL in normalized form, password masked. */
  public String displayUrl() {
    return dialect.displayUrl(settings.primary().url(), true);
  }

  /**
   * A connection from the primary pool; close it to give it back.
   *
   * @throws DatabaseUnavailableException naming the server and the driver's reason
   */
  public Connection connection() {
    return borrow(primary, primaryBorrow, settings.primary(), null);
  }

  /**
   * A connection from the primary pool, waiting at most {@code maxWait} (never longer than the pool
   * timeout): for callers with a deadline of their own, such as a health check. When the pool
   * cannot connect, the caller hears the driver's reason as soon as the pool's attempt has failed
   * (a refused connection or a rejected login: within about a quarter of a second), not when the
   * wait runs out.
   *
   * @throws DatabaseUnavailableException naming the server and the driver's reason, or a {@link
   *     PoolExhaustedException} when every connection stayed busy for the whole wait
   * @throws IllegalArgumentException when {@code maxWait} is not positive
   */
  public Connection connection(Duration maxWait) {
    return borrow(primary, primaryBorrow, settings.primary(), positive(maxWait));
  }

  /** A connection from the replica pool (the primary when there is no replica). */
  public Connection readConnection() {
    return replica == null
        ? connection()
        : borrow(replica, replicaBorrow, settings.replica().orElseThrow(), null);
  }

  /** {@link #connection(Duration)} from the replica pool (the primary when there is none). */
  public Connection readConnection(Duration maxWait) {
    return replica == null
        ? connection(maxWait)
        : borrow(replica, replicaBorrow, settings.replica().orElseThrow(), positive(maxWait));
  }

  /** Borrows for the pool timeout when {@code maxWait} is null, else within {@code maxWait}. */
  private Connection borrow(
      HikariDataSource pool, OutageAwareBorrow borrow, ResolvedUrl url, Duration maxWait) {
    try {
      return maxWait == null ? borrow.borrow() : borrow.borrowWithin(maxWait);
    } catch (SQLTransientConnectionException e) {
      // HikariCP attaches the last connection failure as the cause when the database is down.
      if (e.getCause() != null) {
        throw unavailable(e, url);
      }
      long waited = maxWait == null ? pool.getConnectionTimeout() : borrow.limitMillis(maxWait);
      // Without a cause, every connection was busy for the whole wait, unless the pool holds
      // none at all: then nothing is busy, its attempt to connect has not ended yet (a server
      // that accepts connections and never answers), and HikariCP's own message would give
      // only the last part of a two-step wait.
      if (totalConnections(pool) == 0) {
        throw new DatabaseUnavailableException(
            "cannot connect to "
                + dialect.displayUrl(url.url(), true)
                + ": no connection within "
                + waited
                + " ms; the pool holds none and its attempt to connect has not ended (it gives up"
                + " after DB_CONNECT_TIMEOUT, "
                + settings.timeouts().connect().toMillis()
                + " ms)",
            e);
      }
      throw new PoolExhaustedException(
          pool.getPoolName(), pool.getMaximumPoolSize(), Duration.ofMillis(waited), e);
    } catch (SQLException e) {
      throw unavailable(e, url);
    }
  }

  private static int totalConnections(HikariDataSource pool) {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    return bean == null ? 0 : bean.getTotalConnections();
  }

  private static Duration positive(Duration maxWait) {
    if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("a connection wait must be positive, got " + maxWait);
    }
    return maxWait;
  }

  private DatabaseUnavailableException unavailable(SQLException e, ResolvedUrl url) {
    return ConnectionFailures.unavailable(e, url, dialect, primaryTarget);
  }

  /** Closes both pools; connections still borrowed are closed as they come back. */
  @Override
  public void close() {
    // Reconnect loops first, so a pool closing during an outage does not wait for them.
    PoolBuilder.reconnecting(primary).close();
    if (replica != null) {
      PoolBuilder.reconnecting(replica).close();
      replica.close();
    }
    primary.close();
  }

  /** The masked URL and dialect. */
  @Override
  public String toString() {
    return "Database[" + displayUrl() + "]";
  }
}
