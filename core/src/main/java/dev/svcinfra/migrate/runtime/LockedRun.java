package dev.svcinfra.migrate.runtime;

import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An online run: takes the migration lock (when asked), borrows the connection the migration runs
 * on, applies the dialect's migration session settings and undoes them before the connection goes
 * back to the pool. The lock is released last, and a failed release never hides the run's error.
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

  public static <T> T with(Database db, String lockName, Duration lockTimeout, boolean lock,
      Function<Connection, T> work) {
    Dialect dialect = db.dialect();
    MigrationLock.Held held = lock
        ? dialect.migrationLock().acquire(db.dataSource(), lockName, lockTimeout) : () -> { };
    try (held; Connection c = db.connection()) {
      int major = c.getMetaData().getDatabaseMajorVersion();
      run(c, dialect.migrationSessionStatements(major));
      try {
        return work.apply(c);
      } finally {
        try {
          c.setAutoCommit(true);
          run(c, dialect.migrationSessionResetStatements(major));
        } catch (SQLException e) {
          LOG.warn("could not reset the migration session settings: {}", e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw new MigrationException(MigrationException.MIGRATION_FAILED,
          "database error around the migration run: " + e.getMessage(), e);
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
