package dev.svcinfra.reliability;

import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL server the test owns: {@code initdb} into a temporary directory, then {@code
 * pg_ctl} start and stop on its own port, listening on 127.0.0.1 only. The shared server is never
 * touched. PostgreSQL refuses to run as root, so under root the binaries run as the {@code
 * postgres} system user.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.create()) {
 *   pg.start(); String url = pg.url(); pg.stop(); pg.start();
 * }
 * }</pre>
 *
 * @since 0.1
 */
final class PostgresServer implements AutoCloseable {
  private static final String RUN_AS = "postgres";
  private final Path bin;
  private final Path root;
  private final Path data;
  private final int port;
  private final Thread cleanup;
  private volatile boolean running;

  private PostgresServer(Path bin, Path root, int port) {
    this.bin = bin;
    this.root = root;
    this.data = root.resolve("data");
    this.port = port;
    // Even a test killed by a timeout must not leave a server behind.
    this.cleanup = new Thread(this::stopQuietly, "postgres-server-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** Runs {@code initdb} into a new temporary directory; the server is not started yet. */
  static PostgresServer create() throws IOException, InterruptedException {
    Path bin = findBin();
    Path root = Files.createTempDirectory("svc-reliability-pg");
    PostgresServer pg = new PostgresServer(bin, root, freePort());
    if (isRoot()) {
      pg.run("chown", "-R", RUN_AS, root.toString());
    }
    pg.runAsOwner(
        bin.resolve("initdb").toString(),
        "-D",
        pg.data.toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync");
    return pg;
  }

  /** Starts the server on its port and waits until it accepts connections. */
  void start() throws IOException, InterruptedException {
    // No Unix socket: the socket directory of the shared server must not be touched.
    runAsOwner(
        bin.resolve("pg_ctl").toString(),
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
            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            + "-c fsync=off -c max_connections=200",
        "start");
    running = true;
  }

  /**
   * Stops the server the way an outage does: {@code immediate} kills every backend at once, open
   * transactions are lost and clients see broken connections.
   */
  void stop() throws IOException, InterruptedException {
    runAsOwner(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-w",
        "-t",
        "60",
        "-m",
        "immediate",
        "stop");
    running = false;
  }

  int port() {
    return port;
  }

  /** The URL of database {@code postgres} as the superuser. */
  String url() {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable";
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&sslmode=disable";
  }

  @Override
  public void close() {
    stopQuietly();
    Teardown.removeHook(cleanup);
    Teardown.deleteTree(root);
  }

  private void stopQuietly() {
    if (!running) {
      return;
    }
    try {
      stop();
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop the test PostgreSQL server: " + e);
    }
  }

  private void runAsOwner(String... command) throws IOException, InterruptedException {
    if (!isRoot()) {
      run(command);
      return;
    }
    List<String> all = new ArrayList<>(List.of("runuser", "-u", RUN_AS, "--"));
    all.addAll(List.of(command));
    run(all.toArray(String[]::new));
  }

  private void run(String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("svc-reliability-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * The newest {@code /usr/lib/postgresql/<version>/bin} holding {@code pg_ctl}. Without server
   * binaries (a machine with only a JDK and Maven) the test is skipped with the install command, or
   * fails where PostgreSQL is required (CI, {@code SVC_INFRA_TEST_REQUIRE}).
   */
  static Path findBin() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    Optional<Path> bin = Optional.empty();
    if (Files.isDirectory(base)) {
      try (Stream<Path> versions = Files.list(base)) {
        bin =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparing(b -> versionOf(b.getParent())));
      }
    }
    if (bin.isPresent()) {
      return bin.get();
    }
    String why =
        "PostgreSQL server binaries (pg_ctl under "
            + base
            + ") are missing: apt-get install postgresql";
    if (TestServices.required("postgres")) {
      throw new IOException(why);
    }
    Assumptions.abort(why + "; test skipped outside CI");
    throw new IllegalStateException("unreachable");
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
