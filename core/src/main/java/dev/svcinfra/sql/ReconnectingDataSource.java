package dev.svcinfra.sql;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Where the pool gets its physical connections: keeps trying while the database cannot be reached,
 * so a new connection is made within a quarter of a second of the database answering again.
 *
 * <p>HikariCP waits between failed attempts to add a connection, doubling the wait from 10 ms up to
 * 5 s; after an outage of a few seconds (a failover: the old primary gone, the new one not promoted
 * yet) the pool noticed the new primary up to 5 s late, and the service's first write came 4-5 s
 * after the database could take it (issue 18). Here an attempt that fails because the database is
 * unreachable or not accepting connections ({@code CONNECTION_FAILURE}: refused, starting up, no
 * server of the wanted kind yet) is retried after 50 ms, doubling to at most {@value
 * #MAX_FAST_RETRY_MILLIS} ms, inside the pool's own attempt, so HikariCP's wait never grows. Any
 * other failure (a rejected login, an unknown database) is retried every {@value
 * #SLOW_RETRY_MILLIS} ms, HikariCP's own pace, since only someone changing the settings or the
 * server fixes it; a server at its connection limit every {@value #FULL_SERVER_RETRY_MILLIS} ms, so
 * that a full server is not pressed harder. Callers borrowing from the pool are not held by this:
 * they wait for the pool as before, and learn of the outage through {@link #outage()}.
 */
final class ReconnectingDataSource extends ForwardingDataSource {
  static final long FIRST_RETRY_MILLIS = 50;
  static final long MAX_FAST_RETRY_MILLIS = 250;
  static final long SLOW_RETRY_MILLIS = 5_000;
  static final long FULL_SERVER_RETRY_MILLIS = 1_000;

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReconnectingDataSource.class);

  private final Dialect dialect;
  private final String name;
  private final Object wake = new Object();

  /** The failure of the latest attempt, null once an attempt succeeded. */
  private volatile SQLException outage;

  private volatile long outageSince;
  private volatile boolean closed;

  /**
   * @param name what the log calls the pool's server (the pool name and the masked URL)
   */
  ReconnectingDataSource(DataSource physical, Dialect dialect, String name) {
    super(physical);
    this.dialect = dialect;
    this.name = name;
  }

  /** Why the latest attempt to connect failed, while no attempt has succeeded since. */
  Optional<SQLException> outage() {
    return Optional.ofNullable(outage);
  }

  /** Ends every retry loop at once; the pool closes after this. */
  void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(null, null);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connect(username, password);
  }

  private Connection connect(String username, String password) throws SQLException {
    long delay = FIRST_RETRY_MILLIS;
    int attempts = 0;
    while (true) {
      long started = System.nanoTime();
      try {
        Connection c =
            username == null ? target.getConnection() : target.getConnection(username, password);
        recovered(attempts);
        return c;
      } catch (SQLException e) {
        attempts++;
        failed(e);
        long pause = retryAfter(e, delay);
        // Each attempt's length and the pause after it: a slow recovery shows whether the server
        // took long to answer or the pacing held the pool back.
        LOG.debug(
            "{}: attempt {} failed after {} ms ({}); next in {} ms",
            name,
            attempts,
            (System.nanoTime() - started) / 1_000_000,
            e.getSQLState() == null ? e.getMessage() : "SQLState " + e.getSQLState(),
            pause);
        if (!pause(pause)) {
          throw e;
        }
        delay = Math.min(MAX_FAST_RETRY_MILLIS, delay * 2);
      }
    }
  }

  /** How long to wait before the next attempt after {@code e}. */
  long retryAfter(SQLException e, long fastDelay) {
    if (dialect.refusedForConnectionLimit(e)) {
      return FULL_SERVER_RETRY_MILLIS;
    }
    return dialect.classify(e).kind() == SqlErrorKind.CONNECTION_FAILURE
        ? fastDelay
        : SLOW_RETRY_MILLIS;
  }

  private void failed(SQLException e) {
    if (outage == null) {
      outageSince = System.nanoTime();
      LOG.warn(
          "{}: cannot connect ({}{}); retrying until the database answers",
          name,
          e.getMessage(),
          e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]");
    }
    outage = e;
  }

  private void recovered(int failedAttempts) {
    if (outage != null) {
      LOG.info(
          "{}: connected again after {} ms and {} failed attempts",
          name,
          (System.nanoTime() - outageSince) / 1_000_000,
          failedAttempts);
      outage = null;
    }
  }

  /** Sleeps {@code millis}; false when the pool is closing or the thread was interrupted. */
  private boolean pause(long millis) {
    if (closed || Thread.currentThread().isInterrupted()) {
      return false;
    }
    // A spurious wake-up must not cut the pause short: wait again until the time is up or close()
    // wakes us.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (wake) {
      long left = millis;
      while (!closed && left > 0) {
        try {
          wake.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      }
    }
    return !closed;
  }
}
