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
import dev.svcinfra.sql.internal.hooks.DatabaseHooks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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

  /**
   * The longest a read-only transaction waits for a replica's connection before it goes to the
   * primary instead: a replica that is down or saturated should cost a read a second at most.
   */
  static final Duration REPLICA_BORROW_WAIT = Duration.ofSeconds(1);

  private final DatabaseSettings settings;
  private final Dialect dialect;
  private final ConnectionTarget primaryTarget;
  private final HikariDataSource primary;
  private final OutageAwareBorrow primaryBorrow;
  private final BorrowFailures borrowing;

  /** Null without a replica. */
  private final Replicas replicas;

  private final TransactionRunner transactions;
  private final StatementListeners statementListeners;
  private final DatabaseHooks hooks;

  private Database(
      DatabaseSettings settings, StatementLogSettings logSettings, DatabaseHooks hooks) {
    this.settings = settings;
    this.hooks = java.util.Objects.requireNonNull(hooks, "hooks");
    DatabaseUrl url = settings.primary().url();
    this.dialect = Dialects.forUrl(url);
    ConnectionOptions options =
        new ConnectionOptions(settings.timeouts(), settings.tls())
            .withPooler(settings.pooler().mode());
    this.primaryTarget = withForcedDriver(dialect.connectionTarget(url, options));
    DriverMissingException.requireFor(dialect, primaryTarget.driverClassName());
    List<ResolvedUrl> replicaServers = settings.replicaServers();
    List<ConnectionTarget> replicaTargets =
        replicaServers.stream().map(r -> replicaTarget(r, options)).toList();
    settings
        .pooler()
        .direct()
        .ifPresent(d -> SameDatabase.require(dialect, d, "the direct URL", SameDatabase.DIRECT));
    dialect.prepare(url);
    this.primary =
        PoolBuilder.build(
            hooks.primaryPoolName(),
            dialect.displayUrl(url, true),
            dialect,
            primaryTarget,
            settings.pool(),
            settings.timeouts(),
            dialect.poolLimit(url).orElse(Integer.MAX_VALUE),
            false,
            hooks.metrics());
    this.primaryBorrow = new OutageAwareBorrow(primary, settings.timeouts().connect());
    this.borrowing = new BorrowFailures(dialect, settings.timeouts().connect(), primaryTarget);
    this.replicas =
        replicaServers.isEmpty()
            ? null
            : new Replicas(this, borrowing, replicaServers, replicaTargets);
    StatementLog statementLog = new StatementLog(logSettings);
    this.statementListeners = statementLog.listeners();
    this.transactions = new TransactionRunner(this, statementLog);
    LOG.info(
        "database {} ({}) from {}{}",
        dialect.displayUrl(url, true),
        dialect.name(),
        settings.primary().source(),
        settings.replica().map(r -> ", replica " + dialect.displayUrl(r.url(), true)).orElse(""));
    if (replicas != null) {
      replicas.startMonitor();
    }
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
    return new Database(settings, StatementLogSettings.defaults(), DatabaseHooks.none());
  }

  public static Database open(DatabaseSettings settings, StatementLogSettings log) {
    return new Database(settings, log, DatabaseHooks.none());
  }

  /**
   * Opens a database for an application framework that names its pools, collects their metrics and
   * runs transactions of its own, which this database's blocks then join.
   *
   * @since 0.5
   */
  public static Database open(
      DatabaseSettings settings, StatementLogSettings log, DatabaseHooks hooks) {
    return new Database(settings, log, hooks);
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
   * {@link #inTransaction(TransactionCallback)} for a read-only block, on a replica when one is
   * configured and serves reads: reachable, replaying and within {@code DB_REPLICA_MAX_LAG} as the
   * background probe last found it; with several, the next in turn. Otherwise, or when the
   * replica's connection fails before the block has finished, the block runs on the primary (again,
   * in the second case: keep read-only blocks free of effects outside the database).
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
    return transactions.run(TransactionOptions.readOnly(), token, false, work);
  }

  /**
   * {@link #inTransaction(TransactionOptions, TransactionCallback)}; replica reads obey {@code
   * token}.
   */
  public <R, X extends Exception> R inTransaction(
      TransactionOptions options, ConsistencyToken token, TransactionCallback<R, X> work) throws X {
    return transactions.run(options, token, false, work);
  }

  /**
   * Runs a block that sends exactly one statement (a read by key, one page without a total) as that
   * statement alone in auto-commit: one round trip, without the BEGIN and COMMIT of {@link
   * #inTransaction(TransactionOptions, ConsistencyToken, TransactionCallback)}, which it otherwise
   * equals (pool, replica and {@code token}, statement timeout, error translation). It keeps a
   * transaction when the statement timeout needs a setting sent first (PostgreSQL's {@code
   * statement_timeout} is transaction-scoped; MySQL's and MariaDB's is a session variable reset
   * afterwards), and joins an enclosing transaction of this thread as any block does. The {@link
   * Transaction} it gets refuses a second statement ({@link IllegalStateException}): the first has
   * already committed. Read-only blocks are read-only by what they run, not by the connection.
   *
   * @since 0.4
   */
  public <R, X extends Exception> R inSingleStatement(
      TransactionOptions options, ConsistencyToken token, TransactionCallback<R, X> work) throws X {
    return transactions.run(options, token, true, work);
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

  /**
   * Tells {@code listener} of every statement a {@link Transaction} of this database runs from now
   * on (metrics, tracing); statements run on a raw {@link #connection()} are not seen.
   *
   * @since 0.4
   */
  public void addStatementListener(StatementListener listener) {
    statementListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Stops telling {@code listener}; statements already running may still reach it.
   *
   * @since 0.4
   */
  public void removeStatementListener(StatementListener listener) {
    statementListeners.remove(listener);
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

  /** Connections callers hold, the replica probe's aside (0 when every block has finished). */
  public int activeConnections() {
    int active = activeConnections(primary);
    return replicas == null ? active : Math.max(0, active + replicas.activeConnections());
  }

  static int activeConnections(HikariDataSource pool) {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    return bean == null ? 0 : bean.getActiveConnections();
  }

  /**
   * Closes a connection borrowed from the primary pool for good instead of returning it, for a
   * connection whose session can no longer be trusted (a session lock it could not release, a
   * setting it could not undo); the pool opens a fresh one in its place.
   */
  public void discard(Connection c) {
    evict(c, null);
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // Evicting a live connection closes it at once; HikariCP's close() then fails resetting a
      // changed setting (the network timeout) on it, after it has already let the entry go.
      LOG.debug("closing a discarded connection failed", e);
    }
  }

  /**
   * Removes a broken connection from the pool that lent it: {@code replica}'s, or the primary's.
   */
  void evict(Connection c, ReplicaPool replica) {
    (replica != null ? replica.pool() : primary).evictConnection(c);
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

  /**
   * The pool of the replica a read would use now ({@link #inReadOnlyTransaction}), else the
   * primary's.
   */
  public DataSource readDataSource() {
    return replicas == null ? primary : replicas.router().pickReplica().orElse(primary);
  }

  public boolean hasReplica() {
    return replicas != null;
  }

  /**
   * What the background probe last found about each replica, in the order the replica URL names
   * them; empty without one. Just after opening, waits up to a second for the first probe.
   *
   * @since 0.3
   */
  public List<ReplicaState> replicaStates() {
    return replicas == null ? List.of() : replicas.router().states();
  }

  /**
   * How many read-only transactions the primary has served because no replica served reads (all
   * unreachable, not replaying or too far behind): a counter for dashboards and alerts.
   *
   * @since 0.3
   */
  public long replicaFallbacks() {
    return replicas == null ? 0 : replicas.router().fallbacks();
  }

  DatabaseHooks hooks() {
    return hooks;
  }

  /** The replicas; null without one. */
  Replicas replicas() {
    return replicas;
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
    return borrowing.borrow(primary, primaryBorrow, settings.primary(), null);
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
    return borrowing.borrow(primary, primaryBorrow, settings.primary(), positive(maxWait));
  }

  /**
   * A connection from the pool of the replica a read would use now, else (no replica, none serves
   * reads, or its pool gives no connection within a second) from the primary's.
   */
  public Connection readConnection() {
    return replicas == null
        ? connection()
        : replicas.connection(REPLICA_BORROW_WAIT).orElseGet(this::connection);
  }

  /**
   * {@link #readConnection()} waiting at most {@code maxWait}, as {@link #connection(Duration)}.
   */
  public Connection readConnection(Duration maxWait) {
    positive(maxWait);
    return replicas == null
        ? connection(maxWait)
        : replicas.connection(maxWait).orElseGet(() -> connection(maxWait));
  }

  private static Duration positive(Duration maxWait) {
    if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("a connection wait must be positive, got " + maxWait);
    }
    return maxWait;
  }

  /** Closes both pools; connections still borrowed are closed as they come back. */
  @Override
  public void close() {
    // Reconnect loops first, so a pool closing during an outage does not wait for them.
    if (replicas != null) {
      replicas.close();
    }
    PoolBuilder.reconnecting(primary).close();
    primary.close();
  }

  /** The masked URL and dialect. */
  @Override
  public String toString() {
    return "Database[" + displayUrl() + "]";
  }
}
