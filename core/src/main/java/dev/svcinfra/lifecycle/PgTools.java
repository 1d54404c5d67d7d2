package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL client programs ({@code pg_restore}, {@code psql}): in the given
 * directories, or on {@code PATH} and then in the newest {@code /usr/lib/postgresql/<version>/bin}
 * (Debian and Ubuntu install them there without linking every version onto {@code PATH}).
 */
final class PgTools {

  private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

  private final List<Path> directories;

  PgTools(List<Path> directories) {
    this.directories = directories.isEmpty() ? defaultDirectories() : directories;
  }

  /**
   * The executable {@code name}.
   *
   * @throws ConfigException {@code restore_tool_missing} naming the program, where it was looked
   *     for and the package that provides it
   */
  Path find(String name) {
    for (Path dir : directories) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new ConfigException(
        ErrorCode.RESTORE_TOOL_MISSING,
        "the PostgreSQL client program '"
            + name
            + "' is needed to restore this backup but was not found in "
            + directories
            + "; install the PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client) "
            + "at least as new as the server that made the dump");
  }

  /**
   * {@code PATH} as the shell would search it: locating an executable is not configuration, so this
   * is the one place outside {@code config} that reads the process environment.
   */
  private static List<Path> defaultDirectories() {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator, -1)) {
        if (!entry.isBlank()) {
          dirs.add(Path.of(entry));
        }
      }
    }
    try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
      versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .sorted(
              Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString()))
                  .reversed())
          .forEach(v -> dirs.add(v.resolve("bin")));
    } catch (IOException e) {
      // No Debian-style installation here; PATH is all there is.
    }
    return dirs;
  }
}
