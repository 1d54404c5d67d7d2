package dev.svcinfra.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a restore test found: which scratch database the backup went into, with which tool, how long
 * it took, the restored tables with their row counts, the optional comparison with the live
 * database, and the problems (a failed restore, no tables, tables the backup lacks).
 *
 * <pre>{@code
 * RestoreReport r = Backups.restore(backup, DatabaseSettings.of(url), RestoreOptions.defaults());
 * r.rowCounts();   // {"public.orders": 120, "public.users": 10}
 * }</pre>
 *
 * @param dropped whether the scratch database was removed afterwards (it always is unless the
 *     removal itself failed; a problem then names it)
 * @since 0.1
 */
public record RestoreReport(
    Path backup,
    BackupFormat content,
    String dialect,
    String scratchDatabase,
    String tool,
    Map<String, Long> rowCounts,
    Duration duration,
    Optional<TableComparison> comparison,
    boolean dropped,
    List<BackupProblem> problems) {

  public RestoreReport {
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(scratchDatabase, "scratchDatabase");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(comparison, "comparison");
    rowCounts = Collections.unmodifiableMap(new TreeMap<>(rowCounts));
    problems = List.copyOf(problems);
  }

  /** Whether the backup restored, produced tables and (when compared) lacks none. */
  public boolean succeeded() {
    return problems.isEmpty();
  }

  /** How many tables the restore produced. */
  public int tableCount() {
    return rowCounts.size();
  }

  /**
   * {@code {"succeeded","backup","content","dialect","scratch_database","tool","table_count",
   * "row_counts","duration_ms","dropped","comparison"?,"problems"}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("succeeded", succeeded());
    map.put("backup", backup.toString());
    map.put("content", content.wireName());
    map.put("dialect", dialect);
    map.put("scratch_database", scratchDatabase);
    map.put("tool", tool);
    map.put("table_count", tableCount());
    map.put("row_counts", rowCounts);
    map.put("duration_ms", duration.toMillis());
    map.put("dropped", dropped);
    comparison.ifPresent(c -> map.put("comparison", c.toMap()));
    map.put("problems", problems.stream().map(BackupProblem::toMap).toList());
    return map;
  }
}
