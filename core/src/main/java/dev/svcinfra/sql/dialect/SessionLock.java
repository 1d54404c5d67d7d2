package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.LockNotHeldException;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock owned by a database session, held for the whole run on the connection the migration runs
 * on ({@link #acquireOn}) or on one of its own ({@link #acquire}): the server drops it when that
 * session ends, so a killed process never leaves it behind. The lock is tried without waiting and
 * retried with a growing pause, so the wait is bounded here rather than by a server setting.
 */
final class SessionLock implements MigrationLock {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLock.class);

  private final String tryLockSql;
  private final String unlockSql;
  private final String unlockFunction;
  private final boolean numericKey;

  private SessionLock(
      String tryLockSql, String unlockSql, String unlockFunction, boolean numericKey) {
    this.tryLockSql = tryLockSql;
    this.unlockSql = unlockSql;
    this.unlockFunction = unlockFunction;
    this.numericKey = numericKey;
  }

  /**
   * Advisory locks are per database; the key is a hash of the lock name. {@code pg_advisory_unlock}
   * answers false (with a warning) in a session that does not hold the lock.
   */
  static SessionLock postgres() {
    return new SessionLock(
        "SELECT pg_try_advisory_lock(?)",
        "SELECT pg_advisory_unlock(?)",
        "pg_advisory_unlock",
        true);
  }

  /**
   * {@code GET_LOCK} names are server-wide (64 characters at most), so the database is added.
   * {@code RELEASE_LOCK} answers 0 when another session holds the lock and NULL when nobody does.
   */
  static SessionLock mysql() {
    String name = "LEFT(CONCAT('svc_infra.', DATABASE(), '.', ?), 64)";
    return new SessionLock(
        "SELECT GET_LOCK(" + name + ", 0)",
        "SELECT RELEASE_LOCK(" + name + ")",
        "RELEASE_LOCK",
        false);
  }

  /**
   * {@code sp_getapplock} answers 0 or 1 when granted and a negative number otherwise; {@code
   * sp_releaseapplock} answers 0 when released and a negative number when the session did not hold
   * the lock.
   */
  static SessionLock sqlServer() {
    return new SessionLock(
        "DECLARE @r INT; EXEC @r = sp_getapplock @Resource = ?, "
            + "@LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; "
            + "SELECT CASE WHEN @r >= 0 THEN 1 ELSE 0 END",
        "DECLARE @r INT; EXEC @r = sp_releaseapplock @Resource = ?, @LockOwner = 'Session'; "
            + "SELECT CASE WHEN @r >= 0 THEN 1 ELSE 0 END",
        "sp_releaseapplock",
        false);
  }

  @Override
  public Held acquire(DataSource dataSource, String name, Duration timeout) {
    Connection c;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw LockWait.failed(name, e);
    }
    SessionRelease release;
    try {
      release = acquireOn(c, name, timeout);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    return () -> {
      boolean released = false;
      try {
        released = release.release();
      } finally {
        if (!released) {
          // The session may still hold the lock, and a pool would keep that session alive.
          abortQuietly(c);
        }
        closeQuietly(c);
      }
    };
  }

  @Override
  public boolean heldBySession() {
    return true;
  }

  @Override
  public SessionRelease acquireOn(Connection c, String name, Duration timeout) {
    LockWait.until(
        name,
        timeout,
        "",
        "a lock of a killed process is released with its " + "connection",
        () -> tryLock(c, name));
    return () -> unlock(c, name);
  }

  private boolean tryLock(Connection c, String name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(tryLockSql)) {
      bind(st, name);
      try (ResultSet rs = executeForResult(st)) {
        return rs != null && rs.next() && granted(rs.getObject(1));
      }
    }
  }

  /** PostgreSQL answers a boolean, MySQL and SQL Server the number 1. */
  private static boolean granted(Object answer) {
    return Boolean.TRUE.equals(answer) || (answer instanceof Number n && n.longValue() == 1);
  }

  /** SQL Server batches answer update counts before the SELECT's result set. */
  private static ResultSet executeForResult(PreparedStatement st) throws SQLException {
    boolean isResult = st.execute();
    while (!isResult && st.getUpdateCount() != -1) {
      isResult = st.getMoreResults();
    }
    return isResult ? st.getResultSet() : null;
  }

  private void bind(PreparedStatement st, String name) throws SQLException {
    if (numericKey) {
      st.setLong(1, key(name));
    } else {
      st.setString(1, name);
    }
  }

  /**
   * A release that fails to run is logged and answered false (the connection is then closed for
   * good, which releases the lock). A release the server answers with "not held" is thrown: the run
   * worked without the lock for some time, so another run may have worked at once (issue 18).
   */
  private boolean unlock(Connection c, String name) {
    Object answer;
    try (PreparedStatement st = c.prepareStatement(unlockSql)) {
      bind(st, name);
      try (ResultSet rs = executeForResult(st)) {
        answer = rs != null && rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      LOG.warn(
          "could not release the migration lock '{}' ({}); its connection is closed for "
              + "good, which releases it",
          name,
          e.getMessage());
      return false;
    }
    if (!granted(answer)) {
      throw notHeld(name, unlockFunction, answer);
    }
    return true;
  }

  static LockNotHeldException notHeld(String name, String function, Object answer) {
    return new LockNotHeldException(
        name,
        "the migration lock '"
            + name
            + "' was not held by this run's session when it was released ("
            + function
            + " answered "
            + (answer == null ? "NULL" : answer)
            + "), so another run may have migrated at the same time; check the version table. "
            + "A transaction pooler (PgBouncer pool_mode=transaction, a pooled endpoint) sends "
            + "the unlock to another server session: set DB_POOLER=transaction, or set "
            + "DIRECT_URL to a URL that reaches the database itself");
  }

  private static void abortQuietly(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("aborting the migration lock connection failed", e);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the migration lock connection failed", e);
      }
    }
  }

  /** The first eight bytes of SHA-256: stable across JVMs, unlike {@code String.hashCode}. */
  static long key(String name) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("svc-infra:" + name).getBytes(StandardCharsets.UTF_8));
      long k = 0;
      for (int i = 0; i < 8; i++) {
        k = (k << 8) | (d[i] & 0xff);
      }
      return k;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
