package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.LockNotHeldException;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * <p>A run needs a whole server session. When the settings name a direct URL ({@code
 * SQL_DIRECT_URL}, {@code DIRECT_URL}) the run opens a small pool of its own on it, past the
 * pooler; behind a transaction pooler without one it takes the lease-row lock and sets no session
 * settings, since consecutive statements may reach different server sessions (issue 18).
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
    Optional<DatabaseSettings> direct = db.settings().direct();
    if (direct.isPresent()) {
      try (Database session = Migrations.openDatabase(direct.get())) {
        return with(session, lockName, lockTimeout, lock, work);
      }
    }
    Dialect dialect = db.dialect();
    boolean keepsSessions = db.settings().keepsSessions();
    MigrationLock migrationLock = dialect.migrationLock(db.settings().pooler().mode());
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
        Throwable failure = null;
        try {
          return keepsSessions ? inSession(c, dialect, work) : work.apply(c);
        } catch (RuntimeException | Error e) {
          failure = e;
          throw e;
        } finally {
          reusable = release(release, failure);
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

  /**
   * Releases a session lock. A lock the session turns out not to hold is thrown, unless the run
   * failed already: then it travels as a suppressed exception of the run's own failure.
   */
  private static boolean release(MigrationLock.SessionRelease release, Throwable failure) {
    try {
      return release.release();
    } catch (LockNotHeldException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
      return false;
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
