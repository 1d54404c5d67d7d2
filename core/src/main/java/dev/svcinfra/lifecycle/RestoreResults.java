package dev.svcinfra.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The verdict every restore test shares: nothing restored, or tables the live database has. */
final class RestoreResults {
  private RestoreResults() {}

  /** Adds to {@code problems} what the restored tables and the comparison reveal. */
  static void judge(
      List<BackupProblem> problems,
      Map<String, Long> counts,
      Optional<TableComparison> comparison) {
    if (problems.isEmpty() && counts.isEmpty()) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.RESTORE_FAILED,
              "the backup restored without errors but produced no tables"));
    }
    comparison
        .filter(c -> !c.missing().isEmpty())
        .ifPresent(
            c ->
                problems.add(
                    new BackupProblem(
                        BackupProblem.Kind.TABLES_MISSING,
                        "the backup lacks "
                            + c.missing().size()
                            + " table(s) the live database has: "
                            + String.join(", ", c.missing()))));
  }
}
