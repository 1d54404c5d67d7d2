package dev.svcinfra.sql.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What {@link SqliteDialect} asks of the xerial sqlite-jdbc driver itself: the extended result code
 * of a failure and the transaction mode of the next BEGIN. Touches xerial classes only when the
 * exception or connection came from xerial, so another SQLite driver still loads.
 */
final class XerialDriver {
  private XerialDriver() {}

  static int extendedCode(SQLException e) {
    return ((org.sqlite.SQLiteException) e).getResultCode().code;
  }

  static boolean isXerial(Connection c) throws SQLException {
    try {
      return c.isWrapperFor(org.sqlite.SQLiteConnection.class);
    } catch (NoClassDefFoundError e) {
      return false;
    }
  }

  /**
   * The driver opens its transaction with the mode of the connection's configuration when
   * auto-commit goes off, and opens the next one right after every commit and rollback. The mode is
   * IMMEDIATE only for that first BEGIN: the BEGIN the driver issues after the commit then stays
   * deferred and takes no lock while the connection waits in the pool.
   */
  static void beginImmediate(Connection c) throws SQLException {
    org.sqlite.SQLiteConnectionConfig config =
        c.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig();
    config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      c.setAutoCommit(false);
    } finally {
      config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.DEFERRED);
    }
  }
}
