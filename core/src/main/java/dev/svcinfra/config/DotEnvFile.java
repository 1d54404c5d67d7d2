package dev.svcinfra.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, an optional {@code
 * export } prefix and single or double quotes around the value, as {@link DotEnvParser} reads them.
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

  /** Parses {@code file}; a line that breaks the rules of {@link DotEnvParser} is an error. */
  public static DotEnvFile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new DotEnvFile(file, DotEnvParser.parse(file.toString(), text));
  }

  public Path path() {
    return path;
  }

  public Env asEnv() {
    return Env.of(values);
  }
}
