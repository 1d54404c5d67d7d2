package dev.svcinfra.bench.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates empty PostgreSQL databases for single runs and drops every one of them on close.
 *
 * <pre>{@code
 * try (ScratchDatabases dbs = new ScratchDatabases("127.0.0.1:5432", "postgres")) {
 *   String jdbcUrl = dbs.create();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class ScratchDatabases implements AutoCloseable {
  private final String hostPort;
  private final String user;
  private final String prefix = "bench_mig_" + ProcessHandle.current().pid() + "_";
  private final List<String> created = new ArrayList<>();

  public ScratchDatabases(String hostPort, String user) {
    this.hostPort = hostPort;
    this.user = user;
  }

  /** A new empty database; returns its JDBC URL. */
  public String create() throws SQLException {
    String name = prefix + created.size();
    admin("CREATE DATABASE " + name);
    created.add(name);
    return jdbcUrl(name);
  }

  public String jdbcUrl(String name) {
    return "jdbc:postgresql://" + hostPort + "/" + name + "?user=" + user;
  }

  public String user() {
    return user;
  }

  @Override
  public void close() throws SQLException {
    for (String name : created) {
      admin("DROP DATABASE IF EXISTS " + name);
    }
    created.clear();
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
