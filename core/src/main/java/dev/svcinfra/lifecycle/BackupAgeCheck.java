package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.HealthCheck;
import dev.svcinfra.health.HealthStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A health check on the newest backup's age: healthy while it is younger than {@code warnAfter},
 * degraded until {@code maxAge}, unhealthy after that or when there is no usable backup (missing,
 * empty, unreadable, unknown format). It reads file metadata and the first bytes only, so it is
 * cheap enough for every probe; {@link Backups#verifyBackups} reads the whole content.
 *
 * <pre>{@code
 * HealthCheck backups = new BackupAgeCheck(Path.of("/backups"), "*.dump",
 *     Duration.ofHours(26), Duration.ofHours(48));
 * healthRegistry.add("backups", backups);   // or call backups.check() yourself
 * }</pre>
 *
 * @since 0.1
 */
public final class BackupAgeCheck implements HealthCheck {
  private final Path directory;
  private final String pattern;
  private final Duration warnAfter;
  private final Duration maxAge;
  private final BackupVerifier verifier;

  /** Every file of {@code directory} but {@code .sha256} sidecars is a candidate. */
  public BackupAgeCheck(Path directory, Duration warnAfter, Duration maxAge) {
    this(directory, BackupDirectory.DEFAULT_PATTERN, warnAfter, maxAge);
  }

  public BackupAgeCheck(Path directory, String pattern, Duration warnAfter, Duration maxAge) {
    this(directory, pattern, warnAfter, maxAge, Clock.systemUTC());
  }

  BackupAgeCheck(Path directory, String pattern, Duration warnAfter, Duration maxAge, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    BackupVerifier.requirePositive(maxAge);
    if (warnAfter == null || warnAfter.isNegative() || warnAfter.compareTo(maxAge) > 0) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the backup warning age ("
              + warnAfter
              + ") must lie between 0 and the maximum age ("
              + maxAge
              + ")");
    }
    this.warnAfter = warnAfter;
    this.maxAge = maxAge;
    this.verifier = new BackupVerifier(clock);
    new BackupDirectory(directory, pattern); // a bad glob fails here, not in every probe
  }

  @Override
  public CheckResult check() {
    BackupReport report = verifier.verifyDirectory(directory, maxAge, pattern, false);
    CheckResult result;
    if (!report.healthy()) {
      result =
          new CheckResult(
              HealthStatus.UNHEALTHY,
              Optional.of(
                  report.problems().stream()
                      .map(BackupProblem::message)
                      .collect(Collectors.joining("; "))),
              Map.of());
    } else if (report.age().orElseThrow().compareTo(warnAfter) > 0) {
      result =
          CheckResult.degraded(
              "the newest backup is "
                  + Ages.describe(report.age().get())
                  + " old; a new one is expected within "
                  + Ages.describe(warnAfter));
    } else {
      result =
          CheckResult.healthy("the newest backup is " + Ages.describe(report.age().get()) + " old");
    }
    result =
        result
            .withDetail("path", directory.toString())
            .withDetail("max_age_seconds", maxAge.toSeconds())
            .withDetail("warn_after_seconds", warnAfter.toSeconds());
    if (report.newest().isPresent()) {
      BackupFile f = report.newest().get();
      result =
          result
              .withDetail("newest", f.name())
              .withDetail("age_seconds", f.age().toSeconds())
              .withDetail("size_bytes", f.sizeBytes());
    }
    return result.withDetail(
        "problems", report.problems().stream().map(p -> p.kind().code()).toList());
  }
}
