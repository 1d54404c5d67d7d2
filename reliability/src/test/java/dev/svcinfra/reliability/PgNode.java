package dev.svcinfra.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One private PostgreSQL server of a replicated pair: a primary made with {@code initdb}, or a hot
 * standby of it made with {@code pg_basebackup -R} (streaming replication). It listens on its own
 * loopback port, has no Unix socket, and can be stopped in each way a primary goes down: {@code
 * pg_ctl stop -m immediate|fast}, {@code kill -9} of the postmaster, or frozen with {@code
 * SIGSTOP}. Closing it ends every process it started, frozen or orphaned ones included.
 *
 * <pre>{@code
 * try (PgNode n1 = PgNode.primary("n1"); PgNode n2 = PgNode.standbyOf(n1, "n2")) {
 *   n1.kill9(); n2.promote();
 * }
 * }</pre>
 */
final class PgNode implements AutoCloseable {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final String name;
  private final Path bin;
  private final Path root;
  private final Path data;
  private final int port;

  /**
   * Every process of the server seen so far; handles know their start time, so a reused pid is
   * never signalled.
   */
  private final List<ProcessHandle> started = new ArrayList<>();

  private final Thread cleanup;

  private PgNode(String name, Path bin, Path root, int port) {
    this.name = name;
    this.bin = bin;
    this.root = root;
    this.data = root.resolve("data");
    this.port = port;
    this.cleanup = new Thread(this::killAll, "pg-node-cleanup-" + name);
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** A new primary, started. */
  static PgNode primary(String name) throws IOException, InterruptedException {
    PgNode n = create(name);
    OsCommand.asPostgres(
        LIMIT,
        n.tool("initdb"),
        "-D",
        n.data.toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync");
    n.start();
    return n;
  }

  /** A hot standby streaming from {@code primary}, started. */
  static PgNode standbyOf(PgNode primary, String name) throws IOException, InterruptedException {
    PgNode n = create(name);
    OsCommand.asPostgres(
        LIMIT,
        n.tool("pg_basebackup"),
        "-h",
        "127.0.0.1",
        "-p",
        String.valueOf(primary.port),
        "-U",
        "postgres",
        "-D",
        n.data.toString(),
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
        "--no-sync");
    n.start();
    return n;
  }

  private static PgNode create(String name) throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("svc-reliability-" + name);
    OsCommand.handOver(root);
    return new PgNode(name, serverBin(), root, PostgresServer.freePort());
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  /** {@code host:port} for a URL's host list. */
  String hostPort() {
    return "127.0.0.1:" + port;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&sslmode=disable";
  }

  void start() throws IOException, InterruptedException {
    OsCommand.asPostgres(
        LIMIT,
        tool("pg_ctl"),
        "-D",
        data.toString(),
        "-w",
        "-t",
        "60",
        "-l",
        root.resolve("server.log").toString(),
        "-o",
        "-p "
            + port
            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
            + " -c max_connections=100 -c wal_keep_size=64MB -c cluster_name="
            + name,
        "start");
    rememberChildren(postmasterPid());
  }

  /** {@code pg_ctl stop -m mode}: {@code immediate} (a crash) or {@code fast} (a switchover). */
  void stop(String mode) throws IOException, InterruptedException {
    OsCommand.asPostgres(
        LIMIT, tool("pg_ctl"), "-D", data.toString(), "-w", "-t", "60", "-m", mode, "stop");
  }

  /** {@code kill -9} of the postmaster; its backends notice and exit on their own. */
  void kill9() throws IOException, InterruptedException {
    long pid = postmasterPid();
    rememberChildren(pid);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** Stops the postmaster and every backend ({@code SIGSTOP}): the server hangs, sockets stay. */
  void freeze() throws IOException, InterruptedException {
    long pid = postmasterPid();
    rememberChildren(pid);
    OsCommand.signal("STOP", alive(processes(pid)));
  }

  /** Lets a frozen server run again ({@code SIGCONT}). */
  void thaw() throws IOException, InterruptedException {
    OsCommand.signal("CONT", alive(started));
  }

  /** Promotes a standby and waits until it takes writes. */
  void promote() throws IOException, InterruptedException {
    OsCommand.asPostgres(LIMIT, tool("pg_ctl"), "-D", data.toString(), "-w", "-t", "60", "promote");
  }

  /** Runs statements as the superuser. */
  void execute(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  /** The first column of every row of {@code sql}, as text. */
  List<String> column(String sql) throws SQLException {
    return Pg.forJdbc(jdbcUrl()).column(sql);
  }

  /** Whether the server answers and takes writes now, within a short bound. */
  boolean writable() {
    try (Connection c =
            DriverManager.getConnection(jdbcUrl() + "&connectTimeout=1&socketTimeout=1");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
      return rs.next() && !rs.getBoolean(1);
    } catch (SQLException e) {
      return false;
    }
  }

  String log() {
    try {
      return Files.readString(root.resolve("server.log"));
    } catch (IOException e) {
      return "(no server log: " + e + ")";
    }
  }

  private long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
  }

  private void rememberChildren(long pid) {
    for (ProcessHandle p : processes(pid)) {
      if (!started.contains(p)) {
        started.add(p);
      }
    }
  }

  /** The postmaster and all its descendants. */
  private static List<ProcessHandle> processes(long pid) {
    List<ProcessHandle> all = new ArrayList<>();
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              all.add(h);
              h.descendants().forEach(all::add);
            });
    return all;
  }

  private static List<Long> alive(List<ProcessHandle> processes) {
    return processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
  }

  private String tool(String program) {
    return bin.resolve(program).toString();
  }

  @Override
  public void close() {
    killAll();
    Teardown.removeHook(cleanup);
    Teardown.deleteTree(root);
  }

  /** Thaws and stops the server, then kills whatever of its processes is left. */
  private void killAll() {
    try {
      thaw();
      if (Files.exists(data.resolve("postmaster.pid"))) {
        rememberChildren(postmasterPid());
        try {
          stop("immediate");
        } catch (IOException alreadyDown) {
          // Killed or never started: the processes below are all that may be left.
        }
      }
      started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop test server " + name + ": " + e);
    }
  }

  /** The server binaries, as {@link PostgresServer#findBin()} finds them (or skips). */
  static Path serverBin() throws IOException {
    return PostgresServer.findBin();
  }
}
