package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.internal.hooks.ExternalTransaction;
import dev.svcinfra.sql.internal.hooks.ExternalTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a block in a transaction: borrows a connection from the right pool, applies the statement
 * timeout, commits on success, rolls back on any throwable or when the block marked the transaction
 * rollback-only, resets session settings and gives the connection back. A block started while the
 * same thread already runs a transaction of the same database joins it.
 */
final class TransactionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

  private final Database database;
  private final StatementLog log;
  private final ReadYourWrites readYourWrites;

  // Per instance, not static: each Database has its own current transaction on a thread.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();

  /** {@code DB_STATEMENT_TIMEOUT_MS}; settings never change once built. */
  private final Duration configuredTimeout;

  TransactionRunner(Database database, StatementLog log) {
    this.database = database;
    this.log = log;
    this.readYourWrites = new ReadYourWrites(database);
    this.configuredTimeout = database.settings().timeouts().statement().orElse(null);
    requireTransactionScoped(configuredTimeout);
  }

  /**
   * Behind a transaction pooler a session setting made in one transaction stays on a server
   * connection that other clients get next (issue 18). PostgreSQL's timeout ends with its
   * transaction; MySQL's and MariaDB's is a session variable reset after the commit, which the
   * pooler may send to another server connection: refused, before anything runs.
   */
  private void requireTransactionScoped(Duration timeout) {
    Dialect dialect = database.dialect();
    if (timeout != null
        && !database.settings().keepsSessions()
        && !dialect.statementTimeoutResetStatements().isEmpty()) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "a statement timeout on "
              + dialect.name()
              + " is a session setting, which a transaction pooler (DB_POOLER=transaction) would"
              + " pass on to other clients; leave DB_STATEMENT_TIMEOUT_MS and"
              + " TransactionOptions.statementTimeout unset, or connect without the pooler");
    }
  }

  ReadYourWrites readYourWrites() {
    return readYourWrites;
  }

  Transaction current() {
    return current.get();
  }

  <R, X extends Exception> R run(TransactionOptions options, TransactionCallback<R, X> work)
      throws X {
    return run(options, null, false, work);
  }

  /**
   * Runs {@code work}; a read-only block given {@code token} (may be null) goes to the replica only
   * once the replica has applied the token's position, else to the primary.
   */
  <R, X extends Exception> R run(
      TransactionOptions options,
      ConsistencyToken token,
      boolean singleStatement,
      TransactionCallback<R, X> work)
      throws X {
    Transaction outer = current.get();
    if (outer != null) {
      // A read-write block inside a read-only transaction on the primary joins it like any
      // nested block (a GET handler calling a service that opens its own block): its reads work
      // and a write is refused by the database. On the replica it could not even read its own
      // writes' table state, so it is refused here.
      if (outer.isReadOnly() && !options.isReadOnly() && outer.onReplica()) {
        throw new IllegalStateException(
            "a read-write transaction cannot start inside a "
                + "read-only one on the replica on the same thread; start the read-write "
                + "transaction first");
      }
      return work.withTransaction(outer);
    }
    ExternalTransaction external = external();
    if (external != null) {
      return ExternalJoin.run(
          external,
          database,
          log,
          current,
          options.statementTimeout().orElse(configuredTimeout),
          work);
    }
    requireTransactionScoped(options.statementTimeout().orElse(configuredTimeout));
    Replicas replicas = options.onReplica() ? database.replicas() : null;
    if (replicas == null) {
      // Without a replica the read pool is the primary's: a read-only block counts as on it.
      return runOn(
          database.connection(), null, options.onReplica(), options, singleStatement, work);
    }
    return runOnReplica(replicas, options, token, singleStatement, work);
  }

  /** The transaction a framework's own transaction manager runs on this thread, if any. */
  private ExternalTransaction external() {
    ExternalTransactions hook = database.hooks().transactions();
    return hook == null ? null : hook.current();
  }

  /**
   * Runs a read-only block on the replica the router picks, or on the primary when none serves
   * reads, or when the block carries a consistency token the replica has not applied within the
   * bound (or one of another database). A replica whose connection fails (at the borrow, or while
   * the block runs) is taken out at once and the block runs on the primary: it was read-only, so
   * nothing it did in the database can happen twice (issue 20).
   */
  private <R, X extends Exception> R runOnReplica(
      Replicas replicas,
      TransactionOptions options,
      ConsistencyToken token,
      boolean single,
      TransactionCallback<R, X> work)
      throws X {
    Optional<ReplicaPool> replica =
        token == null || readYourWrites.replicaMayServe(token)
            ? replicas.router().pick()
            : Optional.empty();
    if (replica.isPresent()) {
      Connection c;
      try {
        c = replicas.borrow(replica.get(), Database.REPLICA_BORROW_WAIT);
      } catch (PoolExhaustedException busy) {
        // Every connection of the replica is busy: the primary takes the overflow.
        return runOn(database.connection(), null, false, options, single, work);
      } catch (DatabaseUnavailableException e) {
        replicas.router().failed(replica.get(), e);
        return runOn(database.connection(), null, false, options, single, work);
      }
      if (token != null && !applied(c, replica.get(), token)) {
        return runOn(database.connection(), null, false, options, single, work);
      }
      try {
        return runOn(c, replica.get(), true, options, single, work);
      } catch (DatabaseUnavailableException | CommitOutcomeUnknownException e) {
        if (e instanceof PoolExhaustedException) {
          throw e;
        }
        replicas.router().failed(replica.get(), e);
        LOG.debug("read-only transaction lost its replica; running it on the primary", e);
      }
    }
    return runOn(database.connection(), null, false, options, single, work);
  }

  /**
   * Whether the replica behind {@code c} has applied {@code token}'s writes (waiting a little);
   * when not, {@code c} goes back to its pool.
   */
  private boolean applied(Connection c, ReplicaPool replica, ConsistencyToken token) {
    try {
      if (readYourWrites.applied(c, token)) {
        return true;
      }
      release(c, true, replica);
      return false;
    } catch (SQLException e) {
      LOG.debug("the replica could not say whether it applied a token; the primary reads", e);
      release(c, false, replica);
      return false;
    } catch (RuntimeException e) {
      release(c, false, replica);
      throw e;
    }
  }

  /**
   * Runs the block in a transaction on {@code c}, lent by {@code replica}'s pool or the primary's;
   * {@code readPool}: served by the read pool (a replica, or the primary when none is configured).
   * A {@code single} statement block runs its statement in auto-commit instead, unless the
   * statement timeout needs a setting sent before it (PostgreSQL's is transaction-scoped, MySQL's
   * and MariaDB's a session variable to reset afterwards: either way more round trips than the
   * BEGIN/COMMIT it would save), in which case it keeps its transaction.
   */
  private <R, X extends Exception> R runOn(
      Connection c,
      ReplicaPool replica,
      boolean readPool,
      TransactionOptions options,
      boolean single,
      TransactionCallback<R, X> work)
      throws X {
    Dialect dialect = database.dialect();
    Duration timeout = options.statementTimeout().orElse(configuredTimeout);
    List<String> timeoutStatements =
        timeout == null ? List.of() : dialect.statementTimeoutStatements(timeout);
    boolean autoCommit = single && timeoutStatements.isEmpty();
    boolean healthy = true;
    boolean started = false;
    try {
      if (autoCommit) {
        // The pool lends connections in auto-commit: nothing to send. Read-only is not marked on
        // the connection (MariaDB's driver would send it): the one statement is the caller's read.
        started = true;
      } else {
        dialect.startTransaction(c, options.isReadOnly());
        started = true;
        if (options.isReadOnly() && dialect.supportsReadOnlyConnections()) {
          c.setReadOnly(true);
        }
        runAll(c, timeoutStatements);
      }
      if (timeout != null) {
        socketAbove(c, timeout);
      }
      boolean serverSide = !timeoutStatements.isEmpty() && dialect.statementTimeoutCoversWrites();
      Transaction tx =
          new Transaction(c, dialect, log, timeout, serverSide, options.isReadOnly(), autoCommit);
      if (readPool) {
        tx.servedByReplica();
      }
      current.set(tx);
      R result;
      try {
        result = work.withTransaction(tx);
      } catch (Throwable t) {
        healthy = autoCommit || rollback(c, t);
        throw t;
      }
      if (autoCommit) {
        // The statement committed (or failed) on its own; a rollback-only mark has nothing to undo.
      } else if (tx.isRollbackOnly()) {
        c.rollback();
      } else {
        try {
          c.commit();
        } catch (SQLException e) {
          // A connection lost on the way is an unknown outcome, not a failure (issue 18).
          healthy = rollback(c, e);
          throw SqlFailures.commitFailed(e, dialect, timeout);
        }
      }
      return result;
    } catch (SQLException e) {
      healthy = !autoCommit && rollback(c, e);
      throw SqlFailures.translate(e, dialect, null, timeout, null, options.isReadOnly());
    } finally {
      // set(null), not remove(): the thread's entry stays for its next transaction instead of
      // being cleared and re-created (a weak reference each time) on every block.
      current.set(null);
      if (!started) {
        // A connection whose transaction could not start (SQLite's write lock stayed taken for
        // the whole busy timeout) is in no state the pool can reset reliably: replace it.
        healthy = false;
      } else if (healthy && timeout != null && !timeoutStatements.isEmpty()) {
        healthy = reset(c, dialect.statementTimeoutResetStatements());
      }
      release(c, healthy, replica);
    }
  }

  /**
   * A transaction given a statement timeout longer than the pool's socket timeout gets a socket
   * timeout above it, so the server cancels a slow statement (and says so) before the client gives
   * the connection up; the pool restores its own value when the connection comes back.
   */
  private void socketAbove(Connection c, Duration statementTimeout) throws SQLException {
    Duration socket = database.settings().timeouts().socketTimeout();
    if (socket.isZero() || statementTimeout.compareTo(socket) < 0) {
      return;
    }
    long millis = statementTimeout.plusSeconds(TimeoutSettings.SOCKET_MARGIN_SECONDS).toMillis();
    try {
      c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, millis));
    } catch (SQLFeatureNotSupportedException e) {
      // In-process databases have no socket.
    }
  }

  private static void runAll(Connection c, List<String> statements) throws SQLException {
    if (statements.isEmpty()) {
      return;
    }
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  /**
   * Rolls back after a failure; false when even that fails. Such a connection is not reused:
   * DuckDB, for one, leaves a connection whose commit failed on a conflict with no transaction
   * open, and the next block on it would run in auto-commit and fail at its own commit (issue 18).
   */
  private static boolean rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
      return true;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  /** Undoes session-scoped settings; a connection that cannot be reset is not reused. */
  private static boolean reset(Connection c, List<String> statements) {
    try {
      runAll(c, statements);
      if (!c.getAutoCommit() && !statements.isEmpty()) {
        c.commit();
      }
      return true;
    } catch (SQLException e) {
      LOG.warn(
          "cannot reset the statement timeout; the connection is discarded: {}", e.getMessage());
      return false;
    }
  }

  private void release(Connection c, boolean healthy, ReplicaPool replica) {
    if (!healthy) {
      database.evict(c, replica);
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.warn("cannot return a connection to the pool: {}", e.getMessage());
    }
  }
}
