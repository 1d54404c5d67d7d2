package dev.svcinfra.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to its end within a bound and fails with its output when it fails. PostgreSQL and
 * Patroni refuse to run as root, so under root {@link #asPostgres} runs them as the {@code
 * postgres} system user.
 */
final class OsCommand {
  static final String SERVER_USER = "postgres";

  private OsCommand() {}

  /** Runs {@code command} as it is; its output, when it fails, is in the exception. */
  static String run(Duration limit, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("svc-reliability-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException(String.join(" ", command) + " did not finish within " + limit);
      }
      String output = Files.readString(log);
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** {@link #run} as the {@code postgres} user when this JVM runs as root. */
  static String asPostgres(Duration limit, String... command)
      throws IOException, InterruptedException {
    return run(limit, asServerUser(command).toArray(String[]::new));
  }

  /** The command line that runs {@code command} as the {@code postgres} user under root. */
  static List<String> asServerUser(String... command) {
    List<String> all = new ArrayList<>();
    if (isRoot()) {
      all.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
    }
    all.addAll(List.of(command));
    return all;
  }

  /** Gives {@code dir} to the server user, so a server run as that user can write there. */
  static void handOver(Path dir) throws IOException, InterruptedException {
    if (isRoot()) {
      run(Duration.ofSeconds(30), "chown", "-R", SERVER_USER, dir.toString());
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Sends {@code signal} ({@code STOP}, {@code CONT}, {@code KILL}) to every pid given. */
  static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> command.add(String.valueOf(p)));
    try {
      run(Duration.ofSeconds(10), command.toArray(String[]::new));
    } catch (IOException someGone) {
      // A process that already ended cannot be signalled; the others were.
    }
  }
}
