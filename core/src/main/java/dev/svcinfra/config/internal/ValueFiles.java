package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads settings whose value lives in a file: {@code *_FILE} variables, Docker/Kubernetes secret
 * files, and values written as {@code file:/path} or as an absolute path to an existing file.
 */
public final class ValueFiles {
  private ValueFiles() {}

  /** A file's content with surrounding whitespace (the usual trailing newline) removed. */
  public static String readRequired(Path file, String setting) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE, setting + " points to " + file + ", which does not exist");
    }
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE,
          setting
              + " points to "
              + file
              + ", which cannot be read: "
              + e.getClass().getSimpleName(),
          e);
    }
    if (content.isEmpty()) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE, setting + " points to " + file + ", which is empty");
    }
    return content;
  }

  /** The content of an optional file; absent when it does not exist or is blank. */
  public static Optional<String> readIfPresent(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).strip();
      return content.isEmpty() ? Optional.empty() : Optional.of(content);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The file a value points to, if it is written as {@code file:/path}, {@code file:///path} or is
   * an absolute path to an existing non-empty file; empty when the value is the setting itself.
   */
  public static Optional<Path> pointer(String value) {
    if (value.regionMatches(true, 0, "file:", 0, 5)) {
      String path = value.substring(5);
      // file:///abs and file:/abs both name /abs.
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
      return Optional.of(Path.of(path));
    }
    if (value.startsWith("/")) {
      Path path = Path.of(value);
      try {
        if (Files.isRegularFile(path) && Files.size(path) > 0) {
          return Optional.of(path);
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
