package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * A directory of backups: the files whose names match a glob ({@code *} by default), minus the
 * {@code .sha256} sidecars, and the newest of them by modification time. Links count as files, so a
 * {@code latest} link to a deleted dump shows up as unreadable instead of being skipped.
 */
final class BackupDirectory {
  /** Every file is a candidate unless the caller narrows it. */
  static final String DEFAULT_PATTERN = "*";

  private final Path directory;
  private final PathMatcher matcher;

  BackupDirectory(Path directory, String pattern) {
    this.directory = directory;
    this.matcher = matcher(pattern);
  }

  /**
   * The newest candidate (ties broken by the later name), or empty when there is none.
   *
   * @throws IOException when the directory is missing ({@code NoSuchFileException}), not a
   *     directory ({@code NotDirectoryException}) or cannot be listed
   */
  Optional<Path> newest() throws IOException {
    Path best = null;
    FileTime bestTime = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (!isCandidate(entry)) {
          continue;
        }
        FileTime time = modified(entry);
        if (best == null
            || time.compareTo(bestTime) > 0
            || (time.equals(bestTime) && entry.getFileName().compareTo(best.getFileName()) > 0)) {
          best = entry;
          bestTime = time;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private boolean isCandidate(Path entry) {
    Path name = entry.getFileName();
    return !name.toString().endsWith(ChecksumSidecar.SUFFIX)
        && matcher.matches(name)
        && !Files.isDirectory(entry)
        && (Files.isRegularFile(entry) || Files.isSymbolicLink(entry));
  }

  private static FileTime modified(Path entry) throws IOException {
    return Files.exists(entry)
        ? Files.getLastModifiedTime(entry)
        : Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS);
  }

  private static PathMatcher matcher(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the backup file pattern is empty; give a glob such as '*.dump' or leave it out");
    }
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the backup file pattern '" + pattern + "' is not a valid glob: " + e.getDescription(),
          e);
    }
  }
}
