package dev.svcinfra.testing;

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
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PgBouncer in transaction pooling mode, started by the test on a free port of 127.0.0.1
 * in front of the test PostgreSQL server ({@link TestServices#postgresPort()}), with every database
 * name passed through and trust authentication. Its configuration, log and pid file live in a
 * temporary directory; closing it (or the JVM exiting) stops it by its own pid.
 *
 * <p>The Debian package {@code pgbouncer} provides it. When {@code SVC_INFRA_TEST_REQUIRE} names
 * {@code pgbouncer} (CI) a missing binary fails the test; elsewhere the test is skipped with a
 * message. PgBouncer refuses to run as root, so under root it runs as the {@code postgres} user.
 *
 * <pre>{@code
 * try (PgBouncer bouncer = PgBouncer.start(20)) {
 *   String url = bouncer.url(TestServices.newPostgresDatabase());   // same database, via PgBouncer
 * }
 * }</pre>
 */
public final class PgBouncer implements AutoCloseable {
  private static final List<Path> BINARIES =
      List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));
  private static final String RUN_AS = "postgres";
  private static final Duration START_LIMIT = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final Process process;
  private final long pid;
  private final Thread cleanup;

  private PgBouncer(Path dir, int port, Process process, long pid) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.pid = pid;
    this.cleanup = new Thread(this::stop, "pgbouncer-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /**
   * Starts PgBouncer with {@code serverPoolSize} server connections per database and user ({@code
   * default_pool_size}) and waits until it accepts connections.
   */
  public static PgBouncer start(int serverPoolSize) throws IOException, InterruptedException {
    Path binary = binary();
    int upstream = TestServices.postgresPort();
    Path dir = Files.createTempDirectory("svc-pgbouncer");
    int port = freePort();
    Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"\"\n");
    Files.writeString(
        dir.resolve("pgbouncer.ini"),
        String.join(
            "\n",
            "[databases]",
            "* = host=" + TestServices.HOST + " port=" + upstream,
            "",
            "[pgbouncer]",
            "listen_addr = " + TestServices.HOST,
            "listen_port = " + port,
            "unix_socket_dir =",
            "auth_type = trust",
            "auth_file = " + dir.resolve("userlist.txt"),
            "pool_mode = transaction",
            "default_pool_size = " + serverPoolSize,
            "max_client_conn = 500",
            "logfile = " + dir.resolve("pgbouncer.log"),
            "pidfile = " + dir.resolve("pgbouncer.pid"),
            ""));
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      run("chown", "-R", RUN_AS, dir.toString());
      command.addAll(List.of("runuser", "-u", RUN_AS, "--"));
    }
    command.addAll(List.of(binary.toString(), dir.resolve("pgbouncer.ini").toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile())
            .start();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (!TestServices.answers(TestServices.HOST, port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "PgBouncer did not start on port " + port + ": " + read(dir.resolve("output.txt")));
      }
      Thread.sleep(50);
    }
    // The pid file names PgBouncer itself, not the runuser wrapper this JVM started.
    String pid = read(dir.resolve("pgbouncer.pid")).trim();
    while (pid.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      pid = read(dir.resolve("pgbouncer.pid")).trim();
    }
    return new PgBouncer(dir, port, process, Long.parseLong(pid));
  }

  /**
   * {@code postgresUrl} (a URL of {@link TestServices#newPostgresDatabase()}) with PgBouncer's host
   * and port in place of the server's: the same database, reached through the pooler.
   */
  public String url(String postgresUrl) {
    return postgresUrl.replaceFirst(
        "@" + TestServices.HOST + ":\\d+/", "@" + TestServices.HOST + ":" + port + "/");
  }

  public int port() {
    return port;
  }

  /** PgBouncer's log so far, for failure messages. */
  public String log() {
    return read(dir.resolve("pgbouncer.log"));
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or ran already.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }

  /** Stops PgBouncer by its own pid (SIGTERM, then SIGKILL), and the runuser wrapper with it. */
  private void stop() {
    Optional<ProcessHandle> bouncer = ProcessHandle.of(pid);
    bouncer.ifPresent(ProcessHandle::destroy);
    try {
      if (bouncer.isPresent()) {
        bouncer.get().onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception stillRunning) {
      bouncer.ifPresent(ProcessHandle::destroyForcibly);
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Path binary() {
    for (Path candidate : BINARIES) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String why = "pgbouncer is not installed (Debian package pgbouncer)";
    if (TestServices.required("pgbouncer")) {
      Assertions.fail("PgBouncer is required (CI or SVC_INFRA_TEST_REQUIRE): " + why);
    }
    Assumptions.abort(why + "; test skipped outside CI");
    throw new IllegalStateException(why);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(TestServices.HOST))) {
      return s.getLocalPort();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
