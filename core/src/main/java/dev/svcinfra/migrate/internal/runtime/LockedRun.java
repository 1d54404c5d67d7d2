package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An online run: borrows the connection the migration runs on, takes the migration lock (when
 * asked; a session lock in that connection's own session, a lease with connections of its own),
 * applies the dialect's migration session settings and undoes them before the connection goes back
 * to the pool. The lock is released last, and a failed release never hides the run's error: a
 * connection whose session could not give its lock up is discarded, never pooled again.
 *
 * <pre>{@code
 * List<Revision> done = LockedRun.with(db, "svc_infra_version", Duration.ofMinutes(5), true,
 *     connection -> ...);
 * }</pre>
 *
 * @since 0.1
 */
public final class LockedRun {
  private static final Logger LOG = LoggerFactory.getLogger(LockedRun.class);

  private LockedRun() {}

  public static <T> T with(
      Database db,
      String lockName,
      Duration lockTimeout,
      boolean lock,
      Function<Connection, T> work) {
    Dialect dialect = db.dialect();
    MigrationLock migrationLock = dialect.migrationLock();
    // A session lock is taken on the run's own connection: one connection per run, not two.
    boolean inSession = lock && migrationLock.heldBySession();
    MigrationLock.Held held =
        lock && !inSession
            ? migrationLock.acquire(db.dataSource(), lockName, lockTimeout)
            : () -> {};
    try (held) {
      Connection c = db.connection();
      boolean reusable = true;
      try {
        c.setAutoCommit(true);
        withoutSocketTimeout(c);
        MigrationLock.SessionRelease release =
            inSession ? migrationLock.acquireOn(c, lockName, lockTimeout) : () -> true;
        try {
          return inSession(c, dialect, work);
        } finally {
          reusable = release.release();
        }
      } finally {
        if (reusable) {
          c.close();
        } else {
          db.discard(c);
        }
      }
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "database error around the migration run: " + e.getMessage(),
          e);
    }
  }

  /**
   * A migration statement may run for minutes without a byte coming back (a {@code CREATE INDEX} on
   * a large table); the pool's socket timeout, meant to bound requests behind a frozen server
   * (issue 18), would cut it off. The pool puts its own timeout back when the connection returns.
   */
  private static void withoutSocketTimeout(Connection c) throws SQLException {
    try {
      c.setNetworkTimeout(Runnable::run, 0);
    } catch (SQLFeatureNotSupportedException e) {
      // In-process databases (SQLite, DuckDB) have no socket to time out.
    }
  }

  /** Runs the work between the dialect's migration session settings and their reset. */
  private static <T> T inSession(Connection c, Dialect dialect, Function<Connection, T> work)
      throws SQLException {
    int major = c.getMetaData().getDatabaseMajorVersion();
    run(c, dialect.migrationSessionStatements(major));
    try {
      return work.apply(c);
    } finally {
      try {
        // Back to auto-commit before the lock goes: no transaction of the run stays open.
        c.setAutoCommit(true);
        run(c, dialect.migrationSessionResetStatements(major));
      } catch (SQLException e) {
        LOG.warn("could not reset the migration session settings: {}", e.getMessage());
      }
    }
  }

  private static void run(Connection c, List<String> statements) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }
}
