package dev.svcinfra.sql;

import com.zaxxer.hikari.util.DriverDataSource;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens physical connections the way HikariCP would from a JDBC URL, then lets the dialect set each
 * one up ({@code Dialect.initializeConnection}) before the pool hands it out: SQLite registers its
 * Unicode case-folding function there (issue 16). A connection whose set-up fails is closed and the
 * failure is the pool's connection failure.
 */
final class ConnectionSetupDataSource extends ForwardingDataSource {
  private final Dialect dialect;

  ConnectionSetupDataSource(Dialect dialect, ConnectionTarget target) {
    super(
        new DriverDataSource(
            target.jdbcUrl(), target.driverClassName(), target.toProperties(), null, null));
    this.dialect = dialect;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return setUp(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return setUp(target.getConnection(username, password));
  }

  private Connection setUp(Connection c) throws SQLException {
    try {
      dialect.initializeConnection(c);
      return c;
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
