package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.sql.dialect.Dialects;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Backup verification: is there a recent, intact backup, and does it actually restore?
 *
 * <pre>{@code
 * BackupReport report = Backups.verifyBackups(Duration.ofHours(24), Path.of("/backups"));
 * if (!report.healthy()) alertOpsTeam(report.problems());
 * BackupReport deep = Backups.verifyAndRestore(Duration.ofHours(24), Path.of("/backups"), "*.dump",
 *     DatabaseSettings.from(Env.system()), RestoreOptions.defaults());
 * }</pre>
 *
 * <p>The newest file in the directory (by modification time; every file but {@code .sha256}
 * sidecars unless a glob narrows it) is judged: too old, empty, unreadable, corrupt (a truncated
 * gzip stream or dump, an unknown format) or failing its {@code .sha256} sidecar. A restore test
 * loads it into a scratch database on the live database's server (PostgreSQL via {@code
 * pg_restore}/{@code psql}, SQLite via JDBC), counts tables and rows, and drops it.
 *
 * @since 0.1
 */
public final class Backups {
  /** Problems that make a restore pointless: the file is known to be broken. */
  private static final Set<BackupProblem.Kind> UNRESTORABLE =
      EnumSet.of(
          BackupProblem.Kind.NO_BACKUP,
          BackupProblem.Kind.EMPTY,
          BackupProblem.Kind.UNREADABLE,
          BackupProblem.Kind.CORRUPT,
          BackupProblem.Kind.CHECKSUM_MISMATCH);

  private Backups() {}

  /** The newest file in {@code path}, which must be at most {@code maxAge} old and intact. */
  public static BackupReport verifyBackups(Duration maxAge, Path path) {
    return verifyBackups(maxAge, path, BackupDirectory.DEFAULT_PATTERN);
  }

  /** Like {@link #verifyBackups(Duration, Path)}, among files whose names match the glob. */
  public static BackupReport verifyBackups(Duration maxAge, Path path, String pattern) {
    return new BackupVerifier(Clock.systemUTC()).verifyDirectory(path, maxAge, pattern, true);
  }

  /**
   * For backups tracked elsewhere (a managed service, a job log): healthy when {@code lastSuccess}
   * (null when none is known) lies within {@code max(1, retentionDays)} days.
   */
  public static BackupReport verifyBackups(Instant lastSuccess, int retentionDays) {
    return new BackupVerifier(Clock.systemUTC()).verifyLastSuccess(lastSuccess, retentionDays);
  }

  /**
   * Restores {@code backup} into a scratch database next to the live database of {@code live}
   * (never into it), measures it and removes it. With a direct URL ({@code DIRECT_URL}) the restore
   * connects there, past the pooler.
   *
   * @throws ConfigException when the backup's format does not fit the database, the scratch name is
   *     the live database or exists, or {@code pg_restore}/{@code psql} is missing
   */
  public static RestoreReport restore(Path backup, DatabaseSettings live, RestoreOptions options) {
    BackupFile file = BackupInspector.inspect(backup, Instant.now(), true).file();
    if (file.format() == BackupFormat.UNKNOWN) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE,
          backup + " is empty, unreadable or not a backup this tool can restore");
    }
    DatabaseSettings server = session(live);
    return ScratchRestores.forDialect(Dialects.forUrl(server.primary().url()))
        .restore(backup, file.format(), file.content(), server, options);
  }

  /**
   * {@link #verifyBackups(Duration, Path, String)}, then, unless the newest backup is missing or
   * known to be broken, a restore test whose result and problems join the report.
   */
  public static BackupReport verifyAndRestore(
      Duration maxAge, Path path, String pattern, DatabaseSettings live, RestoreOptions options) {
    BackupReport report = verifyBackups(maxAge, path, pattern);
    boolean broken = report.problems().stream().anyMatch(p -> UNRESTORABLE.contains(p.kind()));
    if (broken || report.newest().isEmpty()) {
      return report;
    }
    BackupFile file = report.newest().get();
    DatabaseSettings server = session(live);
    RestoreReport restored =
        ScratchRestores.forDialect(Dialects.forUrl(server.primary().url()))
            .restore(file.path(), file.format(), file.content(), server, options);
    return report.withRestore(restored);
  }

  /**
   * A restore creates a database and runs {@code pg_restore} or {@code psql}, whose session
   * settings must not go through a transaction pooler: the direct URL when one is set (issue 18).
   */
  private static DatabaseSettings session(DatabaseSettings live) {
    return live.direct().orElse(live);
  }
}
