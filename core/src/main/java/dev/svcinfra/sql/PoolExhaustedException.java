package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Every connection of the pool was busy for the whole wait time: the database is up but the service
 * asks for more connections than it has. The message names the pool size, the wait and the settings
 * to change. HTTP integrations answer 503 with {@code Retry-After}.
 *
 * <pre>{@code
 * catch (PoolExhaustedException e) { e.poolSize(); e.waited(); }
 * }</pre>
 *
 * @since 0.1
 */
public class PoolExhaustedException extends DatabaseUnavailableException {
  private static final long serialVersionUID = 1L;

  private final int poolSize;
  private final Duration waited;

  public PoolExhaustedException(String pool, int poolSize, Duration waited, SQLException cause) {
    super(
        ErrorCode.POOL_EXHAUSTED,
        "connection pool "
            + pool
            + " exhausted: all "
            + poolSize
            + " connections stayed busy for "
            + waited.toMillis()
            + " ms; raise DB_POOL_SIZE (or "
            + "DB_MAX_OVERFLOW) or DB_POOL_TIMEOUT, or hold connections for less time",
        cause);
    this.poolSize = poolSize;
    this.waited = waited;
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration waited() {
    return waited;
  }
}
