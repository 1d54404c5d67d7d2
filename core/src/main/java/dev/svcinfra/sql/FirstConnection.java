package dev.svcinfra.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Waits for the first connection of a one-off command or of a service's start-up and fails as soon
 * as the driver has said why there is none. HikariCP keeps a borrower waiting for its whole timeout
 * even when its attempt to connect was refused at once, so a command that simply borrowed took the
 * connect timeout (10 s by default) plus start-up to report a closed port or a rejected login that
 * {@code psql} reports at once (issue 19). Borrowing in short slices lets the driver's reason
 * through within a slice of it being known; a server that does not answer at all still gets the
 * whole {@code DB_CONNECT_TIMEOUT}. The connection goes back to the pool for the command to use.
 */
final class FirstConnection {
  static final Duration SLICE = Duration.ofMillis(200);

  private FirstConnection() {}

  static void await(Database db) {
    long deadline = System.nanoTime() + db.settings().timeouts().connect().toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Duration wait = Duration.ofNanos(Math.max(1_000_000, Math.min(left, SLICE.toNanos())));
      try (Connection c = db.connection(wait)) {
        return;
      } catch (DatabaseUnavailableException e) {
        if (driverSaidWhy(e) || System.nanoTime() - deadline >= 0) {
          throw e;
        }
      } catch (SQLException e) {
        return; // the connection was had; only giving it back failed, which the pool handles
      }
    }
  }

  /**
   * True when the failure carries the driver's own exception (refused, rejected, unknown host),
   * false when the pool only timed out while its attempt to connect was still running.
   */
  private static boolean driverSaidWhy(DatabaseUnavailableException e) {
    return !(e.getCause() instanceof SQLTransientConnectionException pool
        && pool.getCause() == null);
  }
}
