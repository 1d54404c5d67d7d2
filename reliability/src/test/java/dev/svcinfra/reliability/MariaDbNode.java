package dev.svcinfra.reliability;

import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One private MariaDB server ({@code mariadb-install-db}, then {@code mariadbd} on its own loopback
 * port with its own server id and binary log), optionally replicating from another with GTIDs. The
 * {@code root} user may connect from 127.0.0.1 without a password. Closing it kills the server and
 * deletes its files.
 *
 * <pre>{@code
 * try (MariaDbNode primary = MariaDbNode.start("m1", 1);
 *     MariaDbNode replica = MariaDbNode.start("m2", 2)) {
 *   replica.replicateFrom(primary);
 * }
 * }</pre>
 */
final class MariaDbNode implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final String name;
  private final Path root;
  private final int port;
  private final int serverId;
  private Process process;

  private MariaDbNode(String name, Path root, int port, int serverId) {
    this.name = name;
    this.root = root;
    this.port = port;
    this.serverId = serverId;
  }

  /** A new server with an empty data directory, started. */
  static MariaDbNode start(String name, int serverId) throws IOException, InterruptedException {
    requireBinaries();
    Path root = Files.createTempDirectory("svc-reliability-" + name);
    MariaDbNode n = new MariaDbNode(name, root, PostgresServer.freePort(), serverId);
    List<String> install =
        new java.util.ArrayList<>(
            List.of(
                INSTALL.toString(),
                "--no-defaults",
                "--datadir=" + root.resolve("data"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
    if (OsCommand.isRoot()) {
      install.add("--user=root");
    }
    OsCommand.run(LIMIT, install.toArray(String[]::new));
    Files.writeString(
        root.resolve("init.sql"),
        "SET sql_log_bin=0;\n"
            + "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';\n"
            + "GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n");
    n.startServer();
    return n;
  }

  int port() {
    return port;
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Starts (again) the server on its data directory and waits until it answers. */
  void startServer() throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + root.resolve("data"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + root.resolve("mysqld.sock"),
                "--pid-file=" + root.resolve("mysqld.pid"),
                "--log-error=" + root.resolve("error.log"),
                "--server-id=" + serverId,
                "--log-bin=mysql-bin",
                "--binlog-format=ROW",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M",
                "--init-file=" + root.resolve("init.sql")));
    if (OsCommand.isRoot()) {
      command.add("--user=root");
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("stdout.log").toFile())
            .start();
    long end = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      try {
        execute("SELECT 1");
        return;
      } catch (SQLException notYet) {
        if (!process.isAlive() || System.nanoTime() > end) {
          throw new IOException("mariadbd " + name + " did not start: " + log(), notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Stops the server ({@code SIGTERM}, a clean shutdown) and waits for it to end. */
  void stopServer() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Makes this server a replica of {@code primary} from its first transaction, by GTID. */
  void replicateFrom(MariaDbNode primary) throws SQLException {
    execute(
        "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT="
            + primary.port
            + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos",
        "START SLAVE");
  }

  String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/?user=root";
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  String log() {
    try {
      return Files.readString(root.resolve("error.log"));
    } catch (IOException e) {
      return "(no error log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
    Teardown.deleteTree(root);
  }

  /**
   * Without the server binaries the test is skipped with the install command, or fails where
   * MariaDB is required (CI, {@code SVC_INFRA_TEST_REQUIRE} naming mysql or mariadb).
   */
  private static void requireBinaries() throws IOException {
    if (Files.isExecutable(SERVER) && Files.isExecutable(INSTALL)) {
      return;
    }
    String why =
        "MariaDB server binaries ("
            + SERVER
            + ", "
            + INSTALL
            + ") are missing: apt-get install mariadb-server";
    if (TestServices.required("mysql")) {
      throw new IOException(why);
    }
    Assumptions.abort(why + "; test skipped outside CI");
  }
}
