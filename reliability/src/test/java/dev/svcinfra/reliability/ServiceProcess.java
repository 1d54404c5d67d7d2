package dev.svcinfra.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A shaded jar (the quickstart or the CLI) run as its own JVM, with the environment given and its
 * output captured in a file. Closing it always ends the process; {@link #kill()} is {@code kill
 * -9}.
 *
 * <pre>{@code
 * try (ServiceProcess qs = ServiceProcess.quickstart(Map.of("SQL_URL", url), work)) {
 *   qs.awaitReady(Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * @since 0.1
 */
final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final int port;
  private final Thread cleanup;

  private ServiceProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
    this.cleanup = new Thread(process::destroyForcibly, "service-process-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** The quickstart jar on a free port of 127.0.0.1, in its own working directory. */
  static ServiceProcess quickstart(Map<String, String> env, Path workDir) throws IOException {
    int port = PostgresServer.freePort();
    Map<String, String> all = new HashMap<>(env);
    all.put("PORT", String.valueOf(port));
    all.put("HOST", "127.0.0.1");
    return start(jar("reliability.quickstart.jar"), List.of(), all, workDir, port);
  }

  /** One CLI command; {@link #awaitExit} gives its exit code. */
  static ServiceProcess cli(List<String> args, Map<String, String> env, Path workDir)
      throws IOException {
    return start(jar("reliability.cli.jar"), args, env, workDir, -1);
  }

  private static Path jar(String property) {
    Path jar = Path.of(System.getProperty(property, "missing-" + property));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build with mvn package first");
    }
    return jar;
  }

  private static ServiceProcess start(
      Path jar, List<String> args, Map<String, String> env, Path workDir, int port)
      throws IOException {
    Files.createDirectories(workDir);
    Path output = Files.createTempFile(workDir, "output", ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                jar.toString()));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // The variables a developer's shell may carry must not reach the service under test.
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("SQL_")
                    || k.startsWith("DB_")
                    || k.endsWith("DATABASE_URL")
                    || k.startsWith("REDIS")
                    || k.startsWith("MONGO"));
    pb.environment().putAll(env);
    return new ServiceProcess(pb.start(), output, port);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Http http() {
    return new Http(port);
  }

  /** Waits until {@code /_health/ready} answers 200, failing if the process exits first. */
  void awaitReady(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Http http = new Http(port, Duration.ofSeconds(2));
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (http.get("/_health/ready").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the service was not ready within " + limit + ":\n" + output());
  }

  /** Waits for the process to end by itself and returns its exit code. */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("still running after " + limit + ":\n" + output());
    }
    return process.exitValue();
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed or rolled back by the JVM. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Everything the process printed (standard output and error) so far. */
  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(cannot read output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    Teardown.removeHook(cleanup);
  }
}
