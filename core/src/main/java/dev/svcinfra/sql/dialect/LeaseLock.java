package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.LockNotHeldException;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock row with an expiry, for databases without session locks (SQLite, DuckDB, H2, Snowflake).
 * The holder extends the lease every {@link #TTL}/3; a holder that dies stops extending it, and the
 * next run takes the row over once it has expired, so a killed process blocks others for at most
 * {@link #TTL}. Each step uses a short-lived connection, so the lock never pins one of a small
 * pool's connections.
 */
final class LeaseLock implements MigrationLock {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);

  /** How long a lease lasts without renewal. */
  static final Duration TTL = Duration.ofSeconds(30);

  private final StandardDialect dialect;

  LeaseLock(StandardDialect dialect) {
    this.dialect = dialect;
  }

  /** The lease table sits beside the version table it protects. */
  static String tableFor(String name) {
    return name + "_lock";
  }

  @Override
  public Held acquire(DataSource dataSource, String name, Duration timeout) {
    String table = dialect.quote(tableFor(name));
    String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    createTable(dataSource, name);
    LockWait.until(
        name,
        timeout,
        " (a row in " + tableFor(name) + ")",
        "a lease left by a killed process expires after " + TTL.toSeconds() + " s",
        () -> tryTake(dataSource, table, name, owner));
    ScheduledExecutorService renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "svc-infra-migration-lease");
              t.setDaemon(true);
              return t;
            });
    long period = TTL.toMillis() / 3;
    ScheduledFuture<?> renewal =
        renewer.scheduleAtFixedRate(
            () -> renew(dataSource, table, name, owner), period, period, TimeUnit.MILLISECONDS);
    return () -> {
      renewal.cancel(false);
      renewer.shutdownNow();
      release(dataSource, table, name, owner);
    };
  }

  /**
   * Creates the lease table if it is missing. Runs starting at once race to create it, and
   * PostgreSQL's {@code CREATE TABLE IF NOT EXISTS} can then fail in all but one of them (a
   * duplicate in its catalog): a second attempt finds the table.
   */
  private void createTable(DataSource dataSource, String name) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        c.setAutoCommit(true);
        for (String ddl : dialect.createLeaseTable(tableFor(name))) {
          st.execute(ddl);
        }
        return;
      } catch (SQLException e) {
        if (attempt == 3) {
          throw LockWait.failed(name, e);
        }
        LOG.debug("creating the lease table for '{}' failed, retrying: {}", name, e.getMessage());
      }
    }
  }

  /** Removes an expired lease, then inserts ours; the primary key lets only one insert win. */
  private static boolean tryTake(DataSource ds, String table, String name, String owner)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      long now = System.currentTimeMillis();
      try (PreparedStatement del =
          c.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND expires_at < ?")) {
        del.setString(1, name);
        del.setLong(2, now);
        del.executeUpdate();
      }
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO " + table + " (name, owner, expires_at) VALUES (?, ?, ?)")) {
        ins.setString(1, name);
        ins.setString(2, owner);
        ins.setLong(3, now + TTL.toMillis());
        ins.executeUpdate();
        return true;
      } catch (SQLException taken) {
        // A duplicate key (or a writer lock on an embedded file) means someone else holds it.
        LOG.debug("migration lock '{}' is taken: {}", name, taken.getMessage());
        return false;
      }
    }
  }

  private static void renew(DataSource ds, String table, String name, String owner) {
    try (Connection c = ds.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE " + table + " SET expires_at = ? WHERE name = ? AND owner = ?")) {
      c.setAutoCommit(true);
      st.setLong(1, System.currentTimeMillis() + TTL.toMillis());
      st.setString(2, name);
      st.setString(3, owner);
      if (st.executeUpdate() == 0) {
        LOG.warn("the migration lease '{}' was taken over by another run", name);
      }
    } catch (SQLException | RuntimeException e) {
      // Caught whatever it is: an exception escaping would end the schedule without a word and
      // the lease would expire under the running migration.
      LOG.warn("could not renew the migration lease '{}': {}", name, e.getMessage());
    }
  }

  /** A lease no longer ours (it expired and another run took it) is reported, never passed over. */
  private static void release(DataSource ds, String table, String name, String owner) {
    int removed;
    try (Connection c = ds.getConnection();
        PreparedStatement st =
            c.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND owner = ?")) {
      c.setAutoCommit(true);
      st.setString(1, name);
      st.setString(2, owner);
      removed = st.executeUpdate();
    } catch (SQLException e) {
      LOG.warn(
          "could not release the migration lease '{}' ({}); it expires after {} s",
          name,
          e.getMessage(),
          TTL.toSeconds());
      return;
    }
    if (removed == 0) {
      throw new LockNotHeldException(
          name,
          "the migration lease '"
              + name
              + "' (a row in "
              + tableFor(name)
              + ") was not this run's any more when it was released: it expired after "
              + TTL.toSeconds()
              + " s without renewal and another run may have migrated at the same time; "
              + "check the version table");
    }
  }
}
