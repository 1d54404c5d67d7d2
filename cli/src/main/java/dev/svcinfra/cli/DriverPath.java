package dev.svcinfra.cli;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * JDBC drivers the CLI jar does not carry (DuckDB, SQL Server, Snowflake, H2): jars named by {@code
 * --driver-path} or, failing that, by {@code SVC_INFRA_DRIVERS}, each entry a jar or a directory
 * whose {@code *.jar} files are all taken (entries separated by the platform's path separator). The
 * CLI then runs in a class loader over its own class path plus those jars, so the drivers are found
 * exactly as if they had been packaged in.
 */
final class DriverPath {
  static final String OPTION = "--driver-path";
  static final String VARIABLE = "SVC_INFRA_DRIVERS";

  private DriverPath() {}

  /**
   * The path the arguments name ({@code --driver-path P} or {@code --driver-path=P}, the last one
   * before {@code --}), else {@code variable}'s value; empty when neither is set.
   */
  static Optional<String> requested(String[] args, Optional<String> variable) {
    String found = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (a.equals(OPTION) && i + 1 < args.length) {
        found = args[++i];
      } else if (a.startsWith(OPTION + "=")) {
        found = a.substring(OPTION.length() + 1);
      }
    }
    if (found == null) {
      found = variable.orElse(null);
    }
    return Optional.ofNullable(found).filter(s -> !s.isBlank());
  }

  /**
   * The jars of {@code path}: each entry must exist; a directory gives its {@code *.jar} files in
   * name order and must hold at least one.
   */
  static List<Path> jars(String path, String source) {
    List<Path> jars = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator, -1)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        List<Path> inside = jarsIn(p);
        if (inside.isEmpty()) {
          throw invalid(source, entry, "the directory holds no .jar file");
        }
        jars.addAll(inside);
      } else if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
        jars.add(p);
      } else {
        throw invalid(source, entry, "it is neither a directory nor a .jar file");
      }
    }
    return jars;
  }

  /** The URLs of the CLI's own class path followed by {@code jars}. */
  static URL[] classPath(String ownClassPath, List<Path> jars) {
    List<URL> urls = new ArrayList<>();
    try {
      for (String entry : ownClassPath.split(File.pathSeparator, -1)) {
        if (!entry.isBlank()) {
          urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
        }
      }
      for (Path jar : jars) {
        urls.add(jar.toAbsolutePath().toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException("a class path entry is not a URL", e);
    }
    return urls.toArray(URL[]::new);
  }

  private static List<Path> jarsIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static ConfigException invalid(String source, String entry, String why) {
    return new ConfigException(
        ErrorCode.INVALID_SETTING, source + " names '" + entry + "', but " + why);
  }
}
