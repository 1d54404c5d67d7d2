package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Borrows from a pool without holding callers for the whole pool timeout while the database is
 * down. The first wait lasts at most the connect timeout: if no connection came because opening
 * one failed (HikariCP then attaches the failure as the cause), the database is unreachable and
 * the caller hears it now, so a service answers "unavailable" within seconds during an outage
 * instead of stacking requests for {@code DB_POOL_TIMEOUT}. If every connection was merely busy,
 * the caller waits out the rest of the pool timeout as usual.
 */
final class OutageAwareBorrow {
  private final HikariDataSource pool;
  private final long firstWaitMillis;

  OutageAwareBorrow(HikariDataSource pool, Duration connectTimeout) {
    this.pool = pool;
    this.firstWaitMillis = Math.min(pool.getConnectionTimeout(), connectTimeout.toMillis());
  }

  Connection borrow() throws SQLException {
    if (!(pool.getHikariPoolMXBean() instanceof HikariPool hikari)) {
      return pool.getConnection();
    }
    long start = System.nanoTime();
    try {
      return hikari.getConnection(firstWaitMillis);
    } catch (SQLTransientConnectionException e) {
      long left = pool.getConnectionTimeout() - (System.nanoTime() - start) / 1_000_000;
      if (e.getCause() != null || left <= 0) {
        throw e;
      }
      return hikari.getConnection(left);
    }
  }
}
