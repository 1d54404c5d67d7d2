package dev.svcinfra.sql.dialect;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * The lock around a migration run, so replicas starting at once apply each revision exactly
 * once. Each dialect supplies its own ({@link Dialect#migrationLock()}); a lock held by a process
 * that dies is released (session locks) or expires (lease rows), so it never blocks the next run.
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

  /** A granted lock; closing releases it. A failed release is logged, never thrown. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
