package dev.svcinfra.spring.internal;

import dev.svcinfra.sql.Database;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/** The application's {@code DataSource} over an open database. */
public final class DataSources {
  private DataSources() {}

  /**
   * The primary pool behind a lazy proxy: a Spring transaction borrows its connection at its first
   * statement, once it knows whether it is read-only, and a read-only one then borrows from the
   * replica (when one is configured and serves reads).
   */
  public static DataSource primary(Database database) {
    LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(database.dataSource());
    // The pools hand out auto-commit connections; said here so the proxy never connects to ask.
    proxy.setDefaultAutoCommit(true);
    if (database.hasReplica()) {
      proxy.setReadOnlyDataSource(new ReadDataSource(database));
    }
    return proxy;
  }
}
