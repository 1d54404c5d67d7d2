package dev.svcinfra.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a restore test runs: the scratch database's name (generated when absent), whether to compare
 * the restored tables with the live database's, where to look for {@code pg_restore} and {@code
 * psql} (empty: {@code PATH}, then {@code /usr/lib/postgresql/<newest>/bin}), and how long the
 * restore may take.
 *
 * <pre>{@code
 * RestoreOptions opts = RestoreOptions.defaults().withCompareWithLive(true)
 *     .withTimeout(Duration.ofMinutes(30));
 * }</pre>
 *
 * @since 0.1
 */
public record RestoreOptions(
    Optional<String> scratchDatabase,
    boolean compareWithLive,
    List<Path> toolDirectories,
    Duration timeout) {

  /** A restore that takes longer than this is stopped and reported as failed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  public RestoreOptions {
    Objects.requireNonNull(scratchDatabase, "scratchDatabase");
    toolDirectories = List.copyOf(toolDirectories);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "the restore timeout must be positive (got " + timeout + ")");
    }
  }

  public static RestoreOptions defaults() {
    return new RestoreOptions(Optional.empty(), false, List.of(), DEFAULT_TIMEOUT);
  }

  /**
   * Restore into a database (PostgreSQL) or file (SQLite) of this name instead of a generated one.
   */
  public RestoreOptions withScratchDatabase(String name) {
    return new RestoreOptions(Optional.ofNullable(name), compareWithLive, toolDirectories, timeout);
  }

  public RestoreOptions withCompareWithLive(boolean value) {
    return new RestoreOptions(scratchDatabase, value, toolDirectories, timeout);
  }

  /** Look for the PostgreSQL client tools only in these directories. */
  public RestoreOptions withToolDirectories(List<Path> directories) {
    return new RestoreOptions(scratchDatabase, compareWithLive, directories, timeout);
  }

  public RestoreOptions withTimeout(Duration value) {
    return new RestoreOptions(scratchDatabase, compareWithLive, toolDirectories, value);
  }
}
