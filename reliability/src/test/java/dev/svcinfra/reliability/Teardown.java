package dev.svcinfra.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the private servers and processes of the reliability tests undo when they close: the JVM
 * shutdown hook that stops them if a test run is killed, and their temporary directory.
 */
final class Teardown {
  private Teardown() {}

  /** Takes back a shutdown hook the closing object no longer needs. */
  static void removeHook(Thread cleanup) {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or ran already.
    }
  }

  /** Deletes {@code root} and everything below it, as far as it can. */
  static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
