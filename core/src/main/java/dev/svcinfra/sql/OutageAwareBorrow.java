package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Borrows from a pool without holding callers for the whole pool timeout while the database is
 * down. The first wait lasts at most the connect timeout: if no connection came because opening one
 * failed (HikariCP then attaches the failure as the cause), the database is unreachable and the
 * caller hears it now, so a service answers "unavailable" within seconds during an outage instead
 * of stacking requests for {@code DB_POOL_TIMEOUT}. If every connection was merely busy, the caller
 * waits out the rest of the pool timeout as usual.
 *
 * <p>A caller with its own deadline (a health check) borrows {@link #borrowWithin within} a bound
 * instead. HikariCP keeps waiting for its whole timeout even when its attempt to connect has
 * already failed, so such a caller first looks for {@value #QUICK_LOOK_MILLIS} ms: a refused
 * connection or a rejected login is known by then and reported with the driver's reason.
 */
final class OutageAwareBorrow {
  /**
   * The first wait of a bounded borrow. Long enough for a fresh pool's first attempt to be refused
   * by a local or nearby server, short enough that a probe answers at once. Requests do not look
   * this early: every wait that ends empty counts as a timeout in the pool's metrics.
   */
  static final long QUICK_LOOK_MILLIS = 250;

  private final HikariDataSource pool;
  private final long firstWaitMillis;

  OutageAwareBorrow(HikariDataSource pool, Duration connectTimeout) {
    this.pool = pool;
    this.firstWaitMillis = Math.min(pool.getConnectionTimeout(), connectTimeout.toMillis());
  }

  Connection borrow() throws SQLException {
    return borrow(pool.getConnectionTimeout(), firstWaitMillis);
  }

  /** Borrows within {@link #limitMillis(Duration) the bound}; sooner when connecting failed. */
  Connection borrowWithin(Duration maxWait) throws SQLException {
    long limit = limitMillis(maxWait);
    return borrow(limit, Math.min(limit, QUICK_LOOK_MILLIS));
  }

  /** How long a borrow bounded by {@code maxWait} waits at most: never past the pool timeout. */
  long limitMillis(Duration maxWait) {
    return Math.max(1, Math.min(pool.getConnectionTimeout(), maxWait.toMillis()));
  }

  private Connection borrow(long limitMillis, long firstMillis) throws SQLException {
    if (!(pool.getHikariPoolMXBean() instanceof HikariPool hikari)) {
      return pool.getConnection();
    }
    long start = System.nanoTime();
    long wait = firstMillis;
    while (true) {
      try {
        return hikari.getConnection(wait);
      } catch (SQLTransientConnectionException e) {
        SQLTransientConnectionException known = withOutage(e);
        long left = limitMillis - (System.nanoTime() - start) / 1_000_000;
        if (known.getCause() != null || left <= 0) {
          throw known;
        }
        // Busy, or an attempt to connect still under way (a frozen server answers neither yes
        // nor no until the connect timeout): look again after at most another connect timeout,
        // so an outage learnt meanwhile ends the wait instead of the pool timeout (issue 18).
        wait = Math.min(left, firstWaitMillis);
      }
    }
  }

  /**
   * HikariCP names the failure to connect as the cause of its timeout only when its own attempt
   * failed; the pool's attempts keep retrying inside {@link ReconnectingDataSource}, which knows
   * the failure instead.
   */
  private SQLTransientConnectionException withOutage(SQLTransientConnectionException e) {
    if (e.getCause() != null) {
      return e;
    }
    return PoolBuilder.reconnecting(pool)
        .outage()
        .map(
            failure ->
                new SQLTransientConnectionException(e.getMessage(), failure.getSQLState(), failure))
        .orElse(e);
  }
}
