package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The lock around a migration run, so replicas starting at once apply each revision exactly once.
 * Each dialect supplies its own ({@link Dialect#migrationLock()}); a lock held by a process that
 * dies is released (session locks) or expires (lease rows), so it never blocks the next run.
 *
 * <pre>{@code
 * try (MigrationLock.Held held = dialect.migrationLock().acquire(dataSource, "svc_infra_version",
 *     Duration.ofMinutes(5))) {
 *   // migrate
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface MigrationLock {

  /**
   * Waits up to {@code timeout} for the lock named {@code name} (one name per version table).
   *
   * @throws LockTimeoutException when another run holds it longer
   */
  Held acquire(DataSource dataSource, String name, Duration timeout);

  /**
   * Whether the lock lives in one connection's session (an advisory or application lock), so it can
   * be taken with {@link #acquireOn} on the connection the migration itself runs on: a run then
   * borrows one connection instead of two. Lease rows are not: they are written and committed apart
   * from the migration's own transactions.
   */
  default boolean heldBySession() {
    return false;
  }

  /**
   * Waits up to {@code timeout} for the lock in the session of {@code connection}, which must be in
   * auto-commit mode. Only for locks that are {@link #heldBySession()}.
   *
   * @return the release; it answers {@code false} when the unlock failed, and the session then
   *     still holds the lock: the caller must discard the connection, never pool it again. It
   *     throws {@link LockNotHeldException} when the server says the session did not hold the lock
   * @throws LockTimeoutException when another run holds it longer
   */
  default SessionRelease acquireOn(Connection connection, String name, Duration timeout) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " is not held by a session; use acquire(DataSource, ...)");
  }

  /**
   * Releases a lock taken with {@link #acquireOn}. A release that cannot run is logged and answered
   * {@code false}; a lock found not held is thrown, since the run may not have been alone.
   */
  @FunctionalInterface
  interface SessionRelease {
    /**
     * Whether the session gave the lock up; {@code false} means the session still holds it.
     *
     * @throws LockNotHeldException when the session did not hold the lock any more
     */
    boolean release();
  }

  /**
   * A granted lock; closing releases it. A release that cannot run is logged (the lock then goes
   * with its session or its lease expires); a lock found not held, or taken over, is thrown as
   * {@link LockNotHeldException}.
   */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
