package dev.svcinfra.sql.dialect;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.DatabaseException;
import dev.svcinfra.sql.dialect.internal.LockTimeoutException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The bounded wait both migration locks share: try without blocking, pause (growing to one second),
 * give up at the deadline with a message naming the setting to raise.
 */
final class LockWait {
  /** One non-blocking attempt; true when the lock was granted. */
  interface Attempt {
    boolean tryOnce() throws SQLException;
  }

  private LockWait() {}

  /**
   * @param where how the lock is kept, for the timeout message ({@code " (a row in v_lock)"})
   * @param afterKill what happens to a lock whose holder was killed, for the timeout message
   */
  static void until(
      String name, Duration timeout, String where, String afterKill, Attempt attempt) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 50;
    try {
      while (!attempt.tryOnce()) {
        if (System.nanoTime() > deadline) {
          throw new LockTimeoutException(
              "the migration lock '"
                  + name
                  + "'"
                  + where
                  + " is held by another run; waited "
                  + timeout.toSeconds()
                  + " s. Raise "
                  + "ALEMBIC_LOCK_TIMEOUT (seconds) if migrations legitimately take longer; "
                  + afterKill);
        }
        Thread.sleep(pause);
        pause = Math.min(1_000, pause * 2);
      }
    } catch (SQLException e) {
      throw failed(name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockTimeoutException(
          "interrupted while waiting for the migration lock '" + name + "'");
    }
  }

  static DatabaseException failed(String name, SQLException e) {
    return new DatabaseException(
        ErrorCode.DATABASE_ERROR,
        "cannot take the migration lock '" + name + "': " + e.getMessage(),
        e);
  }
}
