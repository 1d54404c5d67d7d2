package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges backups against an allowed age, either the newest file in a directory or a success time
 * recorded elsewhere. The clock is injectable so ages can be tested exactly.
 */
final class BackupVerifier {
  private final Clock clock;

  BackupVerifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * The newest file matching {@code pattern} in {@code directory}, judged by age and, when {@code
   * readContent}, by completeness and checksum.
   */
  BackupReport verifyDirectory(
      Path directory, Duration maxAge, String pattern, boolean readContent) {
    requirePositive(maxAge);
    BackupDirectory backups = new BackupDirectory(directory, pattern);
    Instant now = clock.instant();
    List<BackupProblem> problems = new ArrayList<>();
    Optional<Path> newest = Optional.empty();
    try {
      newest = backups.newest();
      if (newest.isEmpty()) {
        problems.add(
            new BackupProblem(
                BackupProblem.Kind.NO_BACKUP,
                "no backup file matching '" + pattern + "' in " + directory));
      }
    } catch (NoSuchFileException e) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.NO_BACKUP,
              "the backup directory " + directory + " does not exist"));
    } catch (NotDirectoryException e) {
      problems.add(
          new BackupProblem(BackupProblem.Kind.NO_BACKUP, directory + " is not a directory"));
    } catch (IOException e) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.UNREADABLE,
              "the backup directory " + directory + " cannot be listed: " + e));
    }
    Optional<BackupFile> file = Optional.empty();
    if (newest.isPresent()) {
      BackupInspector.Inspection inspection =
          BackupInspector.inspect(newest.get(), now, readContent);
      file = Optional.of(inspection.file());
      tooOld(inspection.file().age(), maxAge).ifPresent(problems::add);
      problems.addAll(inspection.problems());
    }
    return new BackupReport(
        now,
        Optional.of(directory),
        Optional.of(pattern),
        maxAge,
        file,
        file.map(BackupFile::modified),
        file.map(BackupFile::age),
        problems,
        Optional.empty());
  }

  /**
   * A backup tracked elsewhere: healthy when {@code lastSuccess} is within {@code max(1,
   * retentionDays)} days.
   */
  BackupReport verifyLastSuccess(Instant lastSuccess, int retentionDays) {
    if (retentionDays < 0) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "retention days must be 0 or more (got " + retentionDays + ")");
    }
    Instant now = clock.instant();
    Duration maxAge = Duration.ofDays(Math.max(1, retentionDays));
    List<BackupProblem> problems = new ArrayList<>();
    Optional<Duration> age = Optional.ofNullable(lastSuccess).map(t -> BackupInspector.age(t, now));
    if (lastSuccess == null) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.NO_BACKUP, "no successful backup has been recorded"));
    }
    age.flatMap(a -> tooOld(a, maxAge)).ifPresent(problems::add);
    return new BackupReport(
        now,
        Optional.empty(),
        Optional.empty(),
        maxAge,
        Optional.empty(),
        Optional.ofNullable(lastSuccess),
        age,
        problems,
        Optional.empty());
  }

  private static Optional<BackupProblem> tooOld(Duration age, Duration maxAge) {
    if (age.compareTo(maxAge) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new BackupProblem(
            BackupProblem.Kind.TOO_OLD,
            "the newest backup is "
                + Ages.describe(age)
                + " old; at most "
                + Ages.describe(maxAge)
                + " is allowed"));
  }

  static void requirePositive(Duration maxAge) {
    if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the maximum backup age must be positive (got " + maxAge + ")");
    }
  }
}
