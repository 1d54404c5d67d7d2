package dev.svcinfra.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on a set of backups: healthy or not, the newest backup (file or recorded success),
 * its age against the allowed maximum, every problem found and, when one ran, the restore test.
 *
 * <pre>{@code
 * BackupReport report = Backups.verifyBackups(Duration.ofHours(24), Path.of("/backups"));
 * if (!report.healthy()) alertOpsTeam(report.problems());
 * }</pre>
 *
 * <p>{@link #toMap()} is the JSON shape the CLI prints ({@code svc-infra backup verify --json}).
 *
 * @param directory the directory searched; empty for a recorded last success
 * @param pattern the file-name glob used in the directory; empty for a recorded last success
 * @param lastSuccess when the newest backup was made (its file's modification time, or the recorded
 *     success)
 * @param age how long ago that was
 * @since 0.1
 */
public record BackupReport(
    Instant checkedAt,
    Optional<Path> directory,
    Optional<String> pattern,
    Duration maxAge,
    Optional<BackupFile> newest,
    Optional<Instant> lastSuccess,
    Optional<Duration> age,
    List<BackupProblem> problems,
    Optional<RestoreReport> restore) {

  public BackupReport {
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(newest, "newest");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(restore, "restore");
    problems = List.copyOf(problems);
  }

  /**
   * True when nothing is wrong: a backup exists, is young enough, intact, and restored if tried.
   */
  public boolean healthy() {
    return problems.isEmpty();
  }

  /** Whether a problem of {@code kind} was found. */
  public boolean has(BackupProblem.Kind kind) {
    return problems.stream().anyMatch(p -> p.kind() == kind);
  }

  /** This report with a restore test's result and problems added. */
  public BackupReport withRestore(RestoreReport report) {
    List<BackupProblem> all = new ArrayList<>(problems);
    all.addAll(report.problems());
    return new BackupReport(
        checkedAt, directory, pattern, maxAge, newest, lastSuccess, age, all, Optional.of(report));
  }

  /**
   * {@code {"healthy","checked_at","path"?,"pattern"?,"max_age_seconds","last_success"?,
   * "age_seconds"?,"newest"?,"problems":[{"code","message"}],"restore"?}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("healthy", healthy());
    map.put("checked_at", checkedAt.toString());
    directory.ifPresent(d -> map.put("path", d.toString()));
    pattern.ifPresent(p -> map.put("pattern", p));
    map.put("max_age_seconds", maxAge.toSeconds());
    lastSuccess.ifPresent(t -> map.put("last_success", t.toString()));
    age.ifPresent(a -> map.put("age_seconds", a.toSeconds()));
    newest.ifPresent(f -> map.put("newest", f.toMap()));
    map.put("problems", problems.stream().map(BackupProblem::toMap).toList());
    restore.ifPresent(r -> map.put("restore", r.toMap()));
    return map;
  }
}
