package dev.svcinfra.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a client program (pg_restore, psql) as a child process: settings and the password travel in
 * its environment, never on its command line; stdout is discarded, the end of stderr is kept for
 * the report; an optional feeder writes its stdin and may stop the run by refusing the input.
 */
final class ToolRun {
  /** How much of the program's stderr a report keeps. */
  static final int STDERR_TAIL = 4000;

  /** Writes the program's stdin; answers why it stopped early, or empty when all was written. */
  @FunctionalInterface
  interface Feeder {
    Optional<String> feed(OutputStream stdin) throws IOException;
  }

  /** How the program ended. {@code refused} is the feeder's reason for stopping it. */
  record Outcome(int exitCode, String stderr, boolean timedOut, Optional<String> refused) {
    boolean succeeded() {
      return exitCode == 0 && !timedOut && refused.isEmpty();
    }
  }

  private ToolRun() {}

  /**
   * Runs {@code command} with {@code environment} added to (and {@code unset} removed from) this
   * process's environment. {@code secret}, when not null, is masked in the kept stderr.
   */
  static Outcome run(
      List<String> command,
      Map<String, String> environment,
      Set<String> unset,
      Feeder feeder,
      Duration timeout,
      String secret)
      throws IOException {
    Path stderr = Files.createTempFile("svc-infra-restore-", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(stderr.toFile());
      builder.environment().keySet().removeAll(unset);
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (feeder == null) {
        process.getOutputStream().close(); // nothing to read: the program sees end of input
      }
      AtomicReference<Optional<String>> refused = new AtomicReference<>(Optional.empty());
      Thread writer = null;
      if (feeder != null) {
        writer = new Thread(() -> feed(process, feeder, refused), "svc-infra-restore-stdin");
        writer.setDaemon(true);
        writer.start();
      }
      boolean finished;
      try {
        finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (writer != null) {
          writer.join(TimeUnit.SECONDS.toMillis(5));
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + command.get(0), e);
      }
      if (!finished) {
        process.destroyForcibly();
      }
      return new Outcome(
          finished ? process.exitValue() : -1, tail(stderr, secret), !finished, refused.get());
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  private static void feed(
      Process process, Feeder feeder, AtomicReference<Optional<String>> refused) {
    try (OutputStream stdin = process.getOutputStream()) {
      Optional<String> why = feeder.feed(stdin);
      if (why.isPresent()) {
        refused.set(why);
        process.destroyForcibly();
      }
    } catch (IOException e) {
      // The program stopped reading (it failed and exited); its exit code and stderr say why.
    }
  }

  private static String tail(Path file, String secret) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
    if (secret != null && !secret.isEmpty()) {
      text = text.replace(secret, dev.svcinfra.config.DatabaseUrl.MASK);
    }
    return text.length() > STDERR_TAIL ? "..." + text.substring(text.length() - STDERR_TAIL) : text;
  }
}
