package dev.svcinfra.lifecycle;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A PostgreSQL test database with a few tables, and real pg_dump output of it. */
final class PgDumps {
  final String url;
  final String name;

  private PgDumps(String url) {
    this.url = url;
    this.name = DatabaseUrl.parse(url).database().orElseThrow();
  }

  /**
   * A fresh database holding users (3 rows), orders (5 rows) and audit.events (2 rows). The tests
   * need the PostgreSQL client programs as well as a server: without them (a machine with only a
   * JDK, where the server is an embedded one) the test is skipped outside CI, as a test whose
   * server is absent is, and fails in CI.
   */
  static PgDumps withTables() throws SQLException {
    TestServices.requirePostgresClientPrograms();
    PgDumps db = new PgDumps(TestServices.newPostgresDatabase());
    db.execute(
        "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL)",
        "INSERT INTO users (name) VALUES ('ada'), ('grace'), ('edsger')",
        "CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users(id), total numeric)",
        "INSERT INTO orders (user_id, total) SELECT 1 + g % 3, g * 1.5 FROM generate_series(1, 5) g",
        "CREATE SCHEMA audit",
        "CREATE TABLE audit.events (id int, what text)",
        "INSERT INTO audit.events VALUES (1, 'created; with a semicolon'), (2, E'line\\nbreak')");
    return db;
  }

  static String jdbc(String url) {
    return "jdbc:postgresql://" + url.substring(url.indexOf('@') + 1) + "&user=postgres";
  }

  void execute(String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc(url));
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  /** Every table with its rows rendered as text, to prove the database did not change. */
  Map<String, List<String>> snapshot() throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbc(url));
        Statement st = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT schemaname || '.' || tablename FROM pg_tables "
                  + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String table : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
        tables.put(table, rows);
      }
    }
    return tables;
  }

  /** Whether a database of this name exists on the test server. */
  static boolean exists(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc(TestServices.postgresUrl()));
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  /** Runs pg_dump with {@code args} (format flags) into {@code file}. */
  Path dump(Path file, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(new PgTools(List.of()).find("pg_dump").toString(), "--file", file.toString()));
    command.addAll(List.of(args));
    command.add(name);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGHOST", TestServices.HOST);
    pb.environment().put("PGPORT", String.valueOf(TestServices.postgresPort()));
    pb.environment().put("PGUSER", "postgres");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("pg_dump failed: " + output);
    }
    return file;
  }

  static byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }
}
