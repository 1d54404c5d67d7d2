package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Borrows from a pool and, when no connection comes, says why in the caller's terms: the database
 * is unreachable (with the driver's reason), its first connection has not been made yet, or every
 * connection stayed busy ({@link PoolExhaustedException}).
 */
final class BorrowFailures {
  private final Dialect dialect;
  private final Duration connectTimeout;
  private final ConnectionTarget primaryTarget;

  BorrowFailures(Dialect dialect, Duration connectTimeout, ConnectionTarget primaryTarget) {
    this.dialect = dialect;
    this.connectTimeout = connectTimeout;
    this.primaryTarget = primaryTarget;
  }

  /** Borrows for the pool timeout when {@code maxWait} is null, else within {@code maxWait}. */
  Connection borrow(
      HikariDataSource pool, OutageAwareBorrow borrow, ResolvedUrl url, Duration maxWait) {
    try {
      return maxWait == null ? borrow.borrow() : borrow.borrowWithin(maxWait);
    } catch (SQLTransientConnectionException e) {
      // HikariCP attaches the last connection failure as the cause when the database is down.
      if (e.getCause() != null) {
        throw ConnectionFailures.unavailable(e, url, dialect, primaryTarget);
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
                + connectTimeout.toMillis()
                + " ms)",
            e);
      }
      throw new PoolExhaustedException(
          pool.getPoolName(), pool.getMaximumPoolSize(), Duration.ofMillis(waited), e);
    } catch (SQLException e) {
      throw ConnectionFailures.unavailable(e, url, dialect, primaryTarget);
    }
  }

  private static int totalConnections(HikariDataSource pool) {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    return bean == null ? 0 : bean.getTotalConnections();
  }
}
