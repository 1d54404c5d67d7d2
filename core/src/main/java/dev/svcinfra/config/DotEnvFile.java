package dev.svcinfra.config;

import dev.svcinfra.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, an optional {@code
 * export } prefix and single or double quotes around the value.
 *
 * @since 0.1
 */
final class DotEnvFile {
  private final Path path;
  private final Map<String, String> values;

  private DotEnvFile(Path path, Map<String, String> values) {
    this.path = path;
    this.values = values;
  }

  /** The nearest {@code .env} in {@code dir} or its parents, parsed. */
  public static Optional<DotEnvFile> findFrom(Path dir) {
    for (Path current = dir; current != null; current = current.getParent()) {
      Path candidate = current.resolve(".env");
      if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
        return Optional.of(read(candidate));
      }
    }
    return Optional.empty();
  }

  /** Parses {@code file}; a line that is not {@code KEY=VALUE} is an error naming the line. */
  public static DotEnvFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING, file + " line " + (i + 1) + ": expected KEY=VALUE");
      }
      values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return new DotEnvFile(file, values);
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    // An unquoted value may carry a trailing comment: KEY=value # note
    int hash = value.indexOf(" #");
    return hash >= 0 ? value.substring(0, hash).strip() : value;
  }

  public Path path() {
    return path;
  }

  public Env asEnv() {
    return Env.of(values);
  }
}
