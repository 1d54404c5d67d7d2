package dev.svcinfra.reliability;

import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct JDBC access to a test database on the shared PostgreSQL or MariaDB server, for checks that
 * must not go through the service under test.
 *
 * <pre>{@code
 * long n = Pg.forUrl(url).queryLong("SELECT count(*) FROM accounts");
 * }</pre>
 *
 * @since 0.1
 */
final class Pg {
  private final String jdbc;

  private Pg(String jdbc) {
    this.jdbc = jdbc;
  }

  /** For a URL of {@link TestServices#newPostgresDatabase()} or {@code newMariadbDatabase()}. */
  static Pg forUrl(String url) {
    if (url.startsWith("mariadb:")) {
      String name = url.substring(url.lastIndexOf('/') + 1);
      return new Pg(
          "jdbc:mariadb://127.0.0.1:" + TestServices.MARIADB_PORT + "/" + name + "?user=root");
    }
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    return new Pg(
        "jdbc:postgresql://127.0.0.1:"
            + TestServices.postgresPort()
            + "/"
            + name
            + "?user=postgres&sslmode=disable");
  }

  /** For a JDBC URL of a private server a test started. */
  static Pg forJdbc(String jdbc) {
    return new Pg(jdbc);
  }

  Connection open() throws SQLException {
    return DriverManager.getConnection(jdbc);
  }

  long queryLong(String sql) throws SQLException {
    List<List<String>> rows = rows(sql);
    return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseLong(rows.get(0).get(0));
  }

  /** The first column of every row, as text. */
  List<String> column(String sql) throws SQLException {
    return rows(sql).stream().map(row -> row.get(0)).toList();
  }

  /** Every row as strings. */
  List<List<String>> rows(String sql) throws SQLException {
    try (Connection c = open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
