package dev.svcinfra.spring.internal;

import dev.svcinfra.sql.Database;
import java.sql.Connection;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Connections for reads: from the replica the database's router picks now (reachable, replaying,
 * within the lag bound), else from the primary, as {@link Database#readConnection()}.
 */
public final class ReadDataSource extends AbstractDataSource {
  private final Database database;

  public ReadDataSource(Database database) {
    this.database = database;
  }

  @Override
  public Connection getConnection() {
    return database.readConnection();
  }

  /**
   * The pools hold the credentials; connecting as another user would bypass them, so it is refused.
   */
  @Override
  public Connection getConnection(String username, String password) {
    throw new UnsupportedOperationException(
        "svc-infra's DataSource connects with the credentials of its URL only");
  }

  @Override
  public String toString() {
    return "ReadDataSource[" + database.displayUrl() + "]";
  }
}
