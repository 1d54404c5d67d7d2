package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.migrate.AppliedRevision;
import dev.svcinfra.migrate.AppliedRevision.ChecksumState;
import dev.svcinfra.migrate.AppliedRevision.Status;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the version and history tables into one {@link AppliedRevision} per revision they name, in
 * the order each first appeared. Tolerates what a running migration would refuse (a head no file
 * defines), because this is how an operator finds out.
 */
public final class AppliedHistory {
  private AppliedHistory() {}

  public static List<AppliedRevision> read(
      Dialect dialect, Connection c, RevisionGraph graph, String versionTable) {
    HistoryTable history = new HistoryTable(dialect, HistoryTable.nameFor(versionTable));
    List<HistoryTable.Row> rows = history.rows(c);
    Set<String> applied = applied(new VersionTable(dialect, versionTable).read(c), graph);
    Map<String, HistoryTable.Row> failures = HistoryTable.outstandingFailures(rows);
    Map<String, String> checksums = HistoryTable.appliedChecksums(rows);

    Map<String, HistoryTable.Row> lastRun = new LinkedHashMap<>();
    Map<String, HistoryTable.Row> last = new LinkedHashMap<>();
    Map<String, String> note = new LinkedHashMap<>();
    Set<String> order = new LinkedHashSet<>();
    for (HistoryTable.Row row : rows) {
      order.add(row.revision());
      last.put(row.revision(), row);
      switch (row.direction()) {
        case HistoryTable.UPGRADE, HistoryTable.STAMP -> {
          lastRun.put(row.revision(), row);
          note.remove(row.revision());
        }
        case HistoryTable.FAILED, HistoryTable.REPAIR -> note.put(row.revision(), row.message());
        default -> note.remove(row.revision());
      }
    }
    // Revisions applied before the history table existed have no rows: list them first.
    Set<String> all = new LinkedHashSet<>();
    for (String id : applied) {
      if (!order.contains(id)) {
        all.add(id);
      }
    }
    all.addAll(order);

    List<AppliedRevision> out = new ArrayList<>();
    for (String id : all) {
      Revision file = graph.contains(id) ? graph.get(id) : null;
      HistoryTable.Row run = lastRun.get(id);
      HistoryTable.Row step = last.get(id);
      Status status =
          applied.contains(id)
              ? Status.APPLIED
              : failures.containsKey(id) ? Status.FAILED : Status.NOT_APPLIED;
      String message = file != null ? file.message() : run != null ? run.message() : "";
      out.add(
          new AppliedRevision(
              id,
              message,
              status,
              Optional.ofNullable(run).map(HistoryTable.Row::appliedAt),
              Optional.ofNullable(run).map(HistoryTable.Row::appliedBy),
              Optional.ofNullable(run).map(HistoryTable.Row::durationMs),
              checksum(status, file, checksums.get(id)),
              Optional.ofNullable(step).map(HistoryTable.Row::direction),
              Optional.ofNullable(note.get(id))));
    }
    return out;
  }

  /** Every revision the stored heads imply; a head no file defines stands for itself alone. */
  private static Set<String> applied(Set<String> heads, RevisionGraph graph) {
    Set<String> known = new LinkedHashSet<>();
    Set<String> out = new LinkedHashSet<>();
    for (String h : heads) {
      if (graph.contains(h)) {
        known.add(h);
      } else {
        out.add(h);
      }
    }
    for (Revision r : graph.topological(graph.ancestorsOf(known))) {
      out.add(r.id());
    }
    return out;
  }

  private static ChecksumState checksum(Status status, Revision file, String recorded) {
    if (status != Status.APPLIED) {
      return file == null ? ChecksumState.MISSING_FILE : ChecksumState.NOT_RECORDED;
    }
    if (file == null) {
      return ChecksumState.MISSING_FILE;
    }
    if (recorded == null || file.checksum().isEmpty()) {
      return ChecksumState.NOT_RECORDED;
    }
    return recorded.equals(file.checksum().get()) ? ChecksumState.OK : ChecksumState.CHANGED;
  }
}
