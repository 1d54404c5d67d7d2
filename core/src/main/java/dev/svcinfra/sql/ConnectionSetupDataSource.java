package dev.svcinfra.sql;

import com.zaxxer.hikari.util.DriverDataSource;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens physical connections the way HikariCP would from a JDBC URL, then lets the dialect set each
 * one up ({@code Dialect.initializeConnection}) before the pool hands it out: SQLite registers its
 * Unicode case-folding function there (issue 16). A connection whose set-up fails is closed and the
 * failure is the pool's connection failure.
 */
final class ConnectionSetupDataSource implements DataSource {
  private final DataSource driver;
  private final Dialect dialect;

  ConnectionSetupDataSource(Dialect dialect, ConnectionTarget target) {
    this.driver =
        new DriverDataSource(
            target.jdbcUrl(), target.driverClassName(), target.toProperties(), null, null);
    this.dialect = dialect;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return setUp(driver.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return setUp(driver.getConnection(username, password));
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

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return driver.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    driver.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    driver.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return driver.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return driver.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
