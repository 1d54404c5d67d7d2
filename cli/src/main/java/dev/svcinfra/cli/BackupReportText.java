package dev.svcinfra.cli;

import dev.svcinfra.lifecycle.BackupFile;
import dev.svcinfra.lifecycle.BackupProblem;
import dev.svcinfra.lifecycle.BackupReport;
import dev.svcinfra.lifecycle.RestoreReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The text form of a backup report: a verdict line, the newest file, problems, the restore. */
final class BackupReportText {
  private BackupReportText() {}

  static void print(PrintStream out, BackupReport report, boolean restoreAsked) {
    out.println(
        "backups: "
            + (report.healthy() ? "healthy" : "UNHEALTHY")
            + report.directory().map(d -> " in " + d).orElse("")
            + report.pattern().filter(p -> !p.equals("*")).map(p -> " matching " + p).orElse("")
            + " (max age "
            + hours(report.maxAge().toSeconds())
            + ")");
    report.newest().ifPresent(f -> out.println("newest:  " + describe(f)));
    for (BackupProblem p : report.problems()) {
      out.println("problem: " + p.kind().code() + ": " + p.message());
    }
    report
        .restore()
        .ifPresentOrElse(
            r -> printRestore(out, r),
            () -> {
              if (restoreAsked) {
                out.println("restore: skipped, the newest backup is missing or known to be broken");
              }
            });
  }

  private static String describe(BackupFile f) {
    String content =
        f.content() == f.format()
            ? f.format().wireName()
            : f.format().wireName() + " of " + f.content().wireName();
    return f.path()
        + " ("
        + content
        + ", "
        + f.sizeBytes()
        + " bytes, "
        + hours(f.age().toSeconds())
        + " old, checksum "
        + f.checksum().wireName()
        + ")";
  }

  private static void printRestore(PrintStream out, RestoreReport r) {
    out.printf(
        Locale.ROOT,
        "restore: %s with %s into scratch database %s (%s) in %.1f s: " + "%d table(s)%n",
        r.succeeded() ? "ok" : "FAILED",
        r.tool(),
        r.scratchDatabase(),
        r.dropped() ? "dropped" : "NOT dropped",
        r.duration().toMillis() / 1000.0,
        r.tableCount());
    for (Map.Entry<String, Long> t : r.rowCounts().entrySet()) {
      out.printf("  %-40s %d rows%n", t.getKey(), t.getValue());
    }
    r.comparison()
        .ifPresent(
            c ->
                out.println(
                    "compared with the live database: "
                        + c.liveTables().size()
                        + " live table(s), missing from the backup: "
                        + (c.missing().isEmpty() ? "none" : String.join(", ", c.missing()))
                        + ", only in the backup: "
                        + (c.extra().isEmpty() ? "none" : String.join(", ", c.extra()))));
  }

  private static String hours(long seconds) {
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
  }
}
