package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.Drift;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationFailedException;
import dev.svcinfra.migrate.Repair;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import dev.svcinfra.migrate.internal.script.Target;
import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs a path of the revision graph through one {@link SqlSink}: one step per revision, inside a
 * transaction where the dialect has transactional DDL and the revision allows it, moving the
 * version table and recording history in the same step. Online it starts from the version table;
 * offline from the heads it is given.
 *
 * <pre>{@code
 * MigrationContext ctx = MigrationContext.online(dialect, sink, graph, "svc_infra_version", who);
 * List<Revision> done = ctx.upgrade(Target.parseUpgrade("head"), plan -> {}, false);
 * }</pre>
 *
 * @since 0.1
 */
public final class MigrationContext {
  private final Dialect dialect;
  private final SqlSink sink;
  private final RevisionGraph graph;
  private final VersionTable versions;
  private final HistoryTable history;
  private final String appliedBy;
  private Set<String> heads;

  /**
   * Whether the version and history tables exist on this connection, looked up together once when
   * an online context starts (one metadata query: issue 17) and set when this context creates them.
   * A run that changes them holds the migration lock, so nobody else does meanwhile.
   */
  private boolean versionTableSeen;

  private boolean historyTableSeen;

  private MigrationContext(
      Dialect dialect,
      SqlSink sink,
      RevisionGraph graph,
      String versionTable,
      String appliedBy,
      Set<String> heads) {
    this.dialect = dialect;
    this.sink = sink;
    this.graph = graph;
    this.versions = new VersionTable(dialect, versionTable);
    this.history = new HistoryTable(dialect, HistoryTable.nameFor(versionTable));
    this.appliedBy = appliedBy;
    this.heads = heads;
  }

  /** A context on a live connection; the current heads come from the version table. */
  public static MigrationContext online(
      Dialect dialect, SqlSink sink, RevisionGraph graph, String versionTable, String appliedBy) {
    MigrationContext ctx =
        new MigrationContext(dialect, sink, graph, versionTable, appliedBy, Set.of());
    Connection c = sink.connection();
    Set<String> present = ctx.presentTables(c);
    ctx.versionTableSeen = present.contains(ctx.versions.name());
    ctx.historyTableSeen = present.contains(ctx.history.name());
    ctx.heads = ctx.checkedHeads(ctx.versionTableSeen ? ctx.versions.readExisting(c) : Set.of());
    return ctx;
  }

  /** A context writing a script, starting from {@code startHeads} (empty: from base). */
  public static MigrationContext offline(
      Dialect dialect,
      SqlSink sink,
      RevisionGraph graph,
      String versionTable,
      String appliedBy,
      Set<String> startHeads) {
    Set<String> resolved = new TreeSet<>();
    startHeads.forEach(h -> resolved.add(graph.get(h).id()));
    return new MigrationContext(dialect, sink, graph, versionTable, appliedBy, resolved);
  }

  private Set<String> presentTables(Connection c) {
    try {
      return TablePresence.existing(
          c, List.of(versions.name(), history.name()), dialect.quotedTableNamesIgnoreCase());
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot look for the "
              + "version and history tables "
              + versions.name()
              + ", "
              + history.name()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private Set<String> checkedHeads(Set<String> stored) {
    for (String h : stored) {
      if (!graph.contains(h)) {
        throw new MigrationException(
            ErrorCode.REVISION_NOT_FOUND,
            "the database is at "
                + "revision "
                + h
                + ", which no revision file or class defines: was a file deleted, "
                + "or was this database migrated by a newer release?");
      }
    }
    return new TreeSet<>(stored);
  }

  /** The applied heads, sorted. */
  public Set<String> heads() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(heads));
  }

  /** Applied revisions whose file changed since (online only). */
  public List<Drift> drift() {
    return drift(historyRows());
  }

  /**
   * The history table's rows; none when it does not exist. A run reads them once for both its
   * checks (drift and outstanding failures); the table's presence is known since the context
   * started, so this is no metadata query (issue 17).
   */
  private List<HistoryTable.Row> historyRows() {
    return historyTableSeen ? history.rowsExisting(sink.connection()) : List.of();
  }

  private List<Drift> drift(List<HistoryTable.Row> rows) {
    Map<String, String> recorded = HistoryTable.appliedChecksums(rows);
    List<Drift> out = new ArrayList<>();
    for (Revision r : graph.topological(graph.ancestorsOf(heads))) {
      String then = recorded.get(r.id());
      if (then != null && r.checksum().isPresent() && !then.equals(r.checksum().get())) {
        out.add(new Drift(r.id(), r.origin(), then, r.checksum().get()));
      }
    }
    return out;
  }

  /**
   * Applies the path to {@code target}. {@code planCheck} sees the path first (lint) and may refuse
   * it; drift refuses unless {@code allowChanged}.
   */
  public List<Revision> upgrade(
      Target target, Consumer<List<Revision>> planCheck, boolean allowChanged) {
    List<Revision> path = graph.upgradePath(heads, target);
    List<HistoryTable.Row> rows = sink.offline() ? List.of() : historyRows();
    refuseAfterFailure("upgrade", rows);
    if (!sink.offline() && !allowChanged) {
      List<Drift> drift = drift(rows);
      if (!drift.isEmpty()) {
        throw new MigrationException(
            ErrorCode.MIGRATION_DRIFT,
            "applied revisions changed after "
                + "they were applied: "
                + String.join("; ", drift.stream().map(Drift::describe).toList())
                + ". Restore the files, or pass --allow-changed if the change is intended");
      }
    }
    planCheck.accept(path);
    ensureTables();
    for (Revision r : path) {
      step(r, Direction.UPGRADE);
    }
    return path;
  }

  /** Undoes the path back to {@code target}, running downgrade sections as written. */
  public List<Revision> downgrade(Target target) {
    List<Revision> path = graph.downgradePath(heads, target);
    refuseAfterFailure("downgrade", sink.offline() ? List.of() : historyRows());
    ensureTables();
    for (Revision r : path) {
      step(r, Direction.DOWNGRADE);
    }
    return path;
  }

  /**
   * Sets the version table to {@code targets} without running anything ({@code base} empties it,
   * {@code heads} names every head). Stamped revisions are recorded in history with their checksum,
   * so later drift is still seen.
   */
  public Set<String> stamp(List<String> targets) {
    Set<String> goal = new LinkedHashSet<>();
    for (String t : targets) {
      switch (t) {
        case "base" -> {}
        case "heads" -> graph.heads().forEach(r -> goal.add(r.id()));
        case "head" -> goal.add(graph.singleHead("'stamp head'").id());
        default -> goal.add(graph.get(t).id());
      }
    }
    Set<String> before = graph.ancestorsOf(heads);
    Set<String> after = graph.ancestorsOf(goal);
    Set<String> newHeads = graph.headsOf(after);
    ensureTables();
    sink.begin(dialect.supportsTransactionalDdl());
    try {
      versions.moveStatements(heads, newHeads).forEach(sink::execute);
      for (Revision r : graph.topological(after)) {
        if (!before.contains(r.id())) {
          sink.execute(history.recordStatement(r, "stamp", appliedBy, null));
        }
      }
      for (Revision r : graph.topological(before)) {
        if (!after.contains(r.id())) {
          sink.execute(history.recordStatement(r, "downgrade", appliedBy, null));
        }
      }
      sink.commit();
    } catch (RuntimeException e) {
      sink.rollback();
      throw e;
    }
    heads = new TreeSet<>(newHeads);
    return heads();
  }

  private void ensureTables() {
    if (sink.offline()) {
      if (heads.isEmpty()) { // an offline script from a given revision assumes the tables exist
        sink.begin(false);
        versions.create(sink);
        history.create(sink);
        sink.commit();
      }
      return;
    }
    if (versionTableSeen && historyTableSeen) {
      return;
    }
    sink.begin(false);
    if (!versionTableSeen) {
      versions.create(sink);
    }
    if (!historyTableSeen) {
      history.create(sink);
    }
    sink.commit();
    versionTableSeen = true;
    historyTableSeen = true;
  }

  private void step(Revision r, Direction direction) {
    Set<String> applied = new LinkedHashSet<>(graph.ancestorsOf(heads));
    if (direction == Direction.UPGRADE) {
      applied.add(r.id());
    } else {
      applied.remove(r.id());
    }
    Set<String> after = graph.headsOf(applied);
    boolean transactional = dialect.supportsTransactionalDdl() && r.body().transactional();
    sink.comment(
        "Running "
            + direction.label()
            + " "
            + describe(heads)
            + " -> "
            + describe(after)
            + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
    CountingStep step = new CountingStep(sink, dialect.name());
    long started = System.nanoTime();
    sink.begin(transactional);
    try {
      if (direction == Direction.UPGRADE) {
        r.body().upgrade(step);
      } else {
        r.body().downgrade(step);
      }
      refuseForeignKeyViolations(r, direction);
      versions.moveStatements(heads, after).forEach(sink::execute);
      Long ms = sink.offline() ? null : (System.nanoTime() - started) / 1_000_000;
      sink.execute(history.recordStatement(r, direction.label(), appliedBy, ms));
      sink.commit();
    } catch (Exception e) {
      sink.rollback();
      MigrationFailedException failed = failure(r, direction, step, transactional, e);
      if (!transactional && !sink.offline() && step.completed() > 0) {
        recordFailure(r, direction, failed);
      }
      throw failed;
    }
    heads = new TreeSet<>(after);
  }

  /**
   * Fails the step, before its commit, when it left rows referencing missing rows: where the
   * migration session runs without foreign key enforcement (SQLite, so that table rebuilds can drop
   * a referenced table, issue 22) this check is what enforces them.
   */
  private void refuseForeignKeyViolations(Revision r, Direction direction) {
    if (sink.offline()) {
      return;
    }
    List<String> violations;
    try {
      violations = dialect.foreignKeyViolations(sink.connection());
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED, "cannot check foreign keys: " + e.getMessage(), e);
    }
    if (!violations.isEmpty()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          direction.label()
              + " "
              + r.id()
              + " leaves foreign keys broken, so nothing of it is kept: "
              + String.join("; ", violations));
    }
  }

  /**
   * Records a step that failed half-way on a database without transactional DDL, so that the next
   * run stops until an operator has looked (issue 22: it used to carry on as if nothing had run).
   * The failure itself is what the caller must see: a failure to record it is attached to it.
   */
  private void recordFailure(Revision r, Direction direction, MigrationFailedException failed) {
    try {
      sink.begin(false);
      sink.execute(
          history.recordStatement(
              r,
              HistoryTable.FAILED,
              appliedBy,
              null,
              direction.label()
                  + " failed after "
                  + failed.statementsRun()
                  + " statement(s) at: "
                  + failed.statement(),
              r.checksum().orElse(null)));
      sink.commit();
    } catch (RuntimeException e) {
      failed.addSuppressed(e);
    }
  }

  /** Refuses to run while a revision's failure (in {@code rows}) waits for a repair. */
  private static void refuseAfterFailure(String what, List<HistoryTable.Row> rows) {
    Map<String, HistoryTable.Row> failures = HistoryTable.outstandingFailures(rows);
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder m = new StringBuilder("cannot " + what + ": ");
    failures
        .values()
        .forEach(
            f ->
                m.append("revision ")
                    .append(f.revision())
                    .append(" failed at ")
                    .append(f.appliedAt())
                    .append(" and stayed partly applied (")
                    .append(f.message())
                    .append("); "));
    m.append(
        "finish or undo its statements by hand, then record that with `svc-infra sql repair"
            + " --reason TEXT` (or stamp the revision it now matches)");
    throw new MigrationException(ErrorCode.MIGRATION_REPAIR_NEEDED, m.toString());
  }

  /**
   * Re-records the checksum of each applied revision whose file changed, and clears each failure,
   * as {@code reason}; only {@code only} when not empty (each of which must need a repair).
   */
  public List<Repair> repair(String reason, List<String> only) {
    if (reason == null || reason.isBlank()) {
      throw new MigrationException(
          ErrorCode.INVALID_SETTING,
          "a repair needs a reason (--reason TEXT): it is kept in the history table");
    }
    List<HistoryTable.Row> rows = historyRows();
    List<Repair> todo = new ArrayList<>();
    for (Drift d : drift(rows)) {
      todo.add(new Repair(d.revision(), Repair.Kind.CHECKSUM, d.describe()));
    }
    for (HistoryTable.Row f : HistoryTable.outstandingFailures(rows).values()) {
      todo.add(new Repair(f.revision(), Repair.Kind.FAILURE, f.message()));
    }
    if (!only.isEmpty()) {
      Set<String> wanted = new LinkedHashSet<>();
      for (String rev : only) {
        String id = graph.contains(rev) ? graph.get(rev).id() : rev;
        if (todo.stream().noneMatch(t -> t.revision().equals(id))) {
          throw new MigrationException(
              ErrorCode.INVALID_TARGET,
              "revision " + rev + " needs no repair: its checksum matches and it has not failed");
        }
        wanted.add(id);
      }
      todo.removeIf(t -> !wanted.contains(t.revision()));
    }
    if (todo.isEmpty()) {
      return List.of();
    }
    sink.begin(dialect.supportsTransactionalDdl());
    try {
      for (Repair t : todo) {
        Revision r = graph.contains(t.revision()) ? graph.get(t.revision()) : null;
        String checksum =
            t.kind() == Repair.Kind.CHECKSUM && r != null ? r.checksum().orElse(null) : null;
        sink.execute(
            history.recordStatement(
                t.revision(),
                r == null ? "" : String.join(",", r.downRevisions()),
                HistoryTable.REPAIR,
                appliedBy,
                null,
                reason,
                checksum));
      }
      sink.commit();
    } catch (RuntimeException e) {
      sink.rollback();
      throw e;
    }
    return List.copyOf(todo);
  }

  private static String describe(Set<String> state) {
    return state.isEmpty() ? "base" : String.join(", ", state);
  }

  private MigrationFailedException failure(
      Revision r, Direction direction, CountingStep step, boolean transactional, Exception e) {
    String statement = step.failedStatement();
    if (statement.isEmpty() && e instanceof StatementFailedException s) {
      statement = s.statement();
    }
    StringBuilder m =
        new StringBuilder(direction.label())
            .append(" of ")
            .append(r.describe())
            .append(" (")
            .append(r.origin())
            .append(") failed");
    if (!statement.isEmpty()) {
      m.append(" at statement ").append(step.completed() + 1).append(": ").append(statement);
    }
    m.append("\n  cause: ").append(e.getMessage());
    if (transactional) {
      m.append("\n  the step was rolled back; the database is still at ").append(describe(heads));
    } else {
      m.append("\n  ")
          .append(dialect.name())
          .append(" cannot roll DDL back: ")
          .append(step.completed())
          .append(" statement(s) of this revision ran and stay applied; ")
          .append("the version table still says ")
          .append(describe(heads))
          .append(". Undo or finish them by hand, then run the command again");
    }
    return new MigrationFailedException(
        m.toString(), r.id(), statement, step.completed(), List.copyOf(heads), e);
  }
}
