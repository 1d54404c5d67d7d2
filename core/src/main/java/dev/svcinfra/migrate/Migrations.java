package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.internal.autogen.AutogenResult;
import dev.svcinfra.migrate.internal.autogen.Autogenerate;
import dev.svcinfra.migrate.internal.lint.Linter;
import dev.svcinfra.migrate.internal.runtime.AppliedHistory;
import dev.svcinfra.migrate.internal.runtime.HistoryTable;
import dev.svcinfra.migrate.internal.runtime.LockedRun;
import dev.svcinfra.migrate.internal.runtime.MigrationContext;
import dev.svcinfra.migrate.internal.runtime.OfflineSink;
import dev.svcinfra.migrate.internal.runtime.OnlineSink;
import dev.svcinfra.migrate.internal.script.MermaidHistory;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import dev.svcinfra.migrate.internal.script.ScriptDirectory;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.migrate.internal.script.Target;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration commands, one short method per CLI verb, for services that migrate at startup or
 * run as a migrate-and-exit job. Immutable once built (issue 17), so one instance may be shared.
 *
 * <pre>{@code
 * Migrations migrations = Migrations.builder().database(db)
 *     .settings(MigrationSettings.of(Path.of("migrations"))).build();
 * migrations.upgrade();          // to head, under the migration lock
 * migrations.downgrade(1);       // one step back
 * }</pre>
 *
 * @since 0.1
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private final MigrationConfig config;

  Migrations(MigrationConfig config) {
    this.config = config;
  }

  public static MigrationBuilder builder() {
    return new MigrationBuilder();
  }

  /**
   * Opens the database the way a migrate-and-exit job needs it: a run works on one connection, so
   * the pool keeps one, plus a second for a lease lock's short writes where the dialect's lock is a
   * lease row. A service that migrates at startup passes its own {@link Database} instead; opening
   * a whole {@code DB_POOL_SIZE} pool for a one-off job would only cost the server connections and
   * the job the time to open and close them. The CLI opens its database so. With a direct URL
   * ({@code SQL_DIRECT_URL}, {@code DIRECT_URL}) the pool connects there, past the pooler.
   */
  public static Database openDatabase(DatabaseSettings settings) {
    // A run needs a whole server session: past the pooler when a direct URL is set (issue 18).
    DatabaseSettings session = settings.direct().orElse(settings);
    int leaseConnection =
        Dialects.forUrl(session.primary().url())
                .migrationLock(session.pooler().mode())
                .heldBySession()
            ? 0
            : 1;
    return Database.open(
        session.withPool(session.pool().withSize(1).withMaxOverflow(leaseConnection)));
  }

  public MigrationSettings settings() {
    return config.settings;
  }

  /** The script location with its Java revisions. */
  public ScriptDirectory scripts() {
    return config.scripts;
  }

  /**
   * Reads the revisions into a graph. Each command reads them once and works on that one graph
   * (issue 17: {@code revision --autogenerate} used to read the directory three times).
   */
  public RevisionGraph graph() {
    return RevisionGraph.of(config.revisions.get());
  }

  /** {@code sql init}: creates the script location and its configuration file. */
  public Path init(boolean overwrite) {
    return ScriptLocationInit.create(config.settings, overwrite);
  }

  /**
   * {@code sql revision -m MSG [--autogenerate]}: a new revision after the single head (or {@code
   * request.head()}); with autogenerate, its sections hold what turns the database (which must be
   * at head) into the models, for each requested dialect.
   */
  public NewRevision revision(String message, RevisionRequest request) {
    RevisionGraph graph = graph();
    if (!request.autogenerate()) {
      RevisionAuthor author =
          new RevisionAuthor(scripts(), graph, lintDialects(request.dialects()));
      return author.write(message, request, List.of(), List.of());
    }
    List<Dialect> dialects =
        request.dialects().isEmpty() ? TargetDialects.of(config, graph) : request.dialects();
    RevisionAuthor author = new RevisionAuthor(scripts(), graph, dialects);
    AutogenResult result =
        unlocked(
            graph,
            (ctx, c) ->
                Autogenerate.render(
                    ModelComparison.atHead(
                        ctx, graph, c, config.dialect(), config.modelTables(), config),
                    ModelComparison.includedModels(config),
                    ModelComparison.unmodelled(c, config),
                    dialects,
                    config.settings.skipDrops()));
    return author.write(message, request, result.sections(), result.notes());
  }

  /**
   * {@code sql baseline -m MSG}: adopts an existing database. Writes a first revision that creates
   * the tables the filter includes as the live database has them (rendered for the target
   * dialects), then stamps the database at it, so nothing runs on it; a fresh database upgraded
   * from that revision gets the same schema. The downgrade sections drop nothing: below a baseline
   * lies the schema the project did not create. Refuses when the script location already has
   * revisions or the database is already versioned. With {@code request.printOnly()}, prints the
   * revision and neither writes nor stamps.
   */
  public NewRevision baseline(String message, RevisionRequest request) {
    RevisionGraph graph = graph();
    if (!graph.isEmpty()) {
      throw new MigrationException(
          ErrorCode.INVALID_SETTING,
          "a baseline starts the history, but "
              + config.settings.scriptLocation()
              + " already holds "
              + graph.all().size()
              + " revision(s); baseline a new script location, or stamp this one");
    }
    List<Dialect> dialects =
        request.dialects().isEmpty() ? TargetDialects.of(config, graph) : request.dialects();
    AutogenResult result =
        unlocked(
            graph,
            (ctx, c) -> {
              if (!ctx.heads().isEmpty()) {
                throw new MigrationException(
                    ErrorCode.INVALID_SETTING,
                    "the database is already versioned (at "
                        + String.join(", ", ctx.heads())
                        + "): a baseline is for a database without migration history");
              }
              return Autogenerate.render(
                  Autogenerate.baseline(
                      c,
                      config.dialect(),
                      config.settings.includeSchemas(),
                      ModelComparison.tableFilter(config)),
                  dialects,
                  false);
            });
    List<SqlScript.Section> sections = new ArrayList<>();
    for (SqlScript.Section s : result.sections()) {
      sections.add(
          s.direction() == Direction.UPGRADE
              ? s
              : new SqlScript.Section(
                  s.direction(),
                  s.dialects(),
                  "-- a baseline is not undone: below it lies the schema this project adopted\n"));
    }
    NewRevision written =
        new RevisionAuthor(scripts(), graph, dialects)
            .write(message, request.withHead("base"), sections, result.notes());
    if (!request.printOnly()) {
      stamp(written.id());
    }
    return written;
  }

  /** {@code sql check}: the differences between models and database, and drift. */
  public SchemaDiff check() {
    RevisionGraph graph = graph();
    return unlocked(
        graph,
        (ctx, c) ->
            new SchemaDiff(
                ModelComparison.atHead(
                    ctx, graph, c, config.dialect(), config.modelTables(), config),
                ctx.drift()));
  }

  /** {@code sql merge heads -m MSG} or {@code merge REV1 REV2 -m MSG}. */
  public NewRevision merge(String message, List<String> revisions) {
    return new RevisionAuthor(scripts(), graph(), List.of()).merge(message, revisions);
  }

  /** {@code sql upgrade}: to the single head. */
  public List<Revision> upgrade() {
    return upgrade("head");
  }

  /**
   * What a service does before it serves: upgrades to head under the lock, then refuses (with
   * {@link ErrorCode#MIGRATION_DRIFT}) a database that has drifted from the revisions or is at a
   * revision this build does not carry (a newer release ran). Returns the revisions applied now.
   */
  public List<Revision> upgradeBeforeServing() {
    String location = settings().scriptLocation().toString();
    List<Revision> applied = upgrade();
    MigrationStatus status = current();
    if (!status.drift().isEmpty()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_DRIFT,
          "the database has drifted from "
              + location
              + ": "
              + status.drift()
              + "; the service does not start on it (see 'svc-infra sql current')");
    }
    if (!status.atHead()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_DRIFT,
          "the database is at "
              + status.current()
              + " but "
              + location
              + " ends at "
              + status.heads()
              + ": it holds revisions this build does not know (a newer release ran?);"
              + " the service does not start on it");
    }
    LOG.info(
        "migrations: {} revision(s) applied from {}, database at {}",
        applied.size(),
        location,
        status.current());
    return applied;
  }

  public List<Revision> upgrade(String target) {
    return upgrade(target, RunOptions.DEFAULT);
  }

  /** {@code sql upgrade TARGET [--allow-changed] [--allow-destructive]}. */
  public List<Revision> upgrade(String target, RunOptions options) {
    Target t = Target.parseUpgrade(target);
    RevisionGraph graph = graph();
    return locked(
        ctx -> ctx.upgrade(t, path -> lintGate(path, options), options.allowChanged()), graph);
  }

  /** {@code sql downgrade -N}. */
  public List<Revision> downgrade(int steps) {
    if (steps < 1) {
      throw new MigrationException(
          ErrorCode.INVALID_TARGET, "downgrade takes a positive number of steps, got " + steps);
    }
    return downgrade("-" + steps);
  }

  /** {@code sql downgrade TARGET}: {@code -N}, a revision, or {@code base}. */
  public List<Revision> downgrade(String target) {
    Target t = Target.parseDowngrade(target);
    RevisionGraph graph = graph();
    return locked(ctx -> ctx.downgrade(t), graph);
  }

  /** {@code sql stamp REV...}: sets the version table without running anything. */
  public Set<String> stamp(String... revisions) {
    RevisionGraph graph = graph();
    return locked(ctx -> ctx.stamp(Arrays.asList(revisions)), graph);
  }

  /**
   * {@code sql repair [REV...] --reason TEXT}: records anew the checksum of each applied revision
   * whose file was edited on purpose, and clears each revision that failed half-applied after the
   * operator finished or undid it by hand; only the named revisions when some are named (each must
   * need a repair). The reason is kept in the history table. Nothing to repair: an empty list.
   */
  public List<Repair> repair(String reason, List<String> revisions) {
    RevisionGraph graph = graph();
    return locked(ctx -> ctx.repair(reason, revisions), graph);
  }

  /** {@code sql history --applied}: what the version and history tables know, per revision. */
  public List<AppliedRevision> appliedHistory() {
    RevisionGraph graph = graph();
    return LockedRun.with(
        config.requireDatabase(),
        lockName(),
        config.settings.lockTimeout(),
        false,
        c -> AppliedHistory.read(config.dialect(), c, graph, config.settings.versionTable()));
  }

  /** {@code sql upgrade FROM:TO --sql}: writes the upgrade script; connects to nothing. */
  public List<Revision> upgradeSql(String range, PrintStream out) {
    OfflineRange r = OfflineRange.parse(range, "head", false);
    RevisionGraph graph = graph();
    MigrationContext ctx = offline(graph, r.from(), out);
    return ctx.upgrade(Target.parseUpgrade(r.to()), path -> {}, true);
  }

  /** {@code sql downgrade FROM:TO --sql}: writes the downgrade script; connects to nothing. */
  public List<Revision> downgradeSql(String range, PrintStream out) {
    OfflineRange r = OfflineRange.parse(range, null, true);
    RevisionGraph graph = graph();
    return offline(graph, r.from(), out).downgrade(Target.parseDowngrade(r.to()));
  }

  /** {@code sql current}: applied heads and drift. */
  public MigrationStatus current() {
    RevisionGraph graph = graph();
    return unlocked(
        graph,
        (ctx, c) ->
            new MigrationStatus(
                List.copyOf(ctx.heads()),
                graph.heads().stream().map(Revision::id).sorted().toList(),
                ctx.drift()));
  }

  /** {@code sql heads}. */
  public List<Revision> heads() {
    return graph().heads();
  }

  /** {@code sql branches}: revisions where history splits. */
  public List<Revision> branches() {
    return graph().branchPoints();
  }

  /** {@code sql history}: newest first. */
  public List<Revision> history() {
    return history(graph());
  }

  /** The revisions of {@code graph} newest first, as {@code sql history} lists them. */
  public static List<Revision> history(RevisionGraph graph) {
    List<Revision> all = new ArrayList<>(graph.all());
    Collections.reverse(all);
    return all;
  }

  /** {@code sql history --mermaid}. */
  public String historyMermaid() {
    return MermaidHistory.render(graph());
  }

  /** The lint findings of every revision, for the dialect the migrations run on. */
  public List<LintFinding> lint() {
    Linter linter = new Linter(config.dialect(), config.mappedColumns);
    return graph().all().stream().flatMap(r -> linter.lint(r).stream()).toList();
  }

  // ---- composition ------------------------------------------------------------------------

  private <T> T locked(Function<MigrationContext, T> work, RevisionGraph graph) {
    return LockedRun.with(
        config.requireDatabase(),
        lockName(),
        config.settings.lockTimeout(),
        true,
        c -> work.apply(context(graph, c)));
  }

  /** Reads only: no lock, so it never waits behind a running migration. */
  private <T> T unlocked(RevisionGraph graph, BiFunction<MigrationContext, Connection, T> work) {
    return LockedRun.with(
        config.requireDatabase(),
        lockName(),
        config.settings.lockTimeout(),
        false,
        c -> work.apply(context(graph, c), c));
  }

  private MigrationContext context(RevisionGraph graph, Connection c) {
    return MigrationContext.online(
        config.dialect(),
        new OnlineSink(c, config.observer),
        graph,
        config.settings.versionTable(),
        config.appliedBy);
  }

  private MigrationContext offline(RevisionGraph graph, List<String> from, PrintStream out) {
    return MigrationContext.offline(
        config.dialect(),
        new OfflineSink(config.dialect(), out),
        graph,
        config.settings.versionTable(),
        config.appliedBy,
        OfflineRange.startingRevisions(from, graph));
  }

  private String lockName() {
    return config.settings.versionTable();
  }

  private void lintGate(List<Revision> path, RunOptions options) {
    if (options.allowDestructive()) {
      return;
    }
    Set<String> mapped = new HashSet<>(config.mappedColumns);
    if (config.hasModels()) {
      mapped.addAll(ModelComparison.mappedColumns(config.modelTables()));
    }
    Linter linter = new Linter(config.dialect(), mapped);
    List<LintFinding> findings = path.stream().flatMap(r -> linter.lint(r).stream()).toList();
    if (!findings.isEmpty()) {
      throw new LintException(findings);
    }
  }

  private List<Dialect> lintDialects(List<Dialect> requested) {
    if (!requested.isEmpty()) {
      return requested;
    }
    return config.dialectIfKnown().map(List::of).orElse(List.of());
  }

  /** For tests and tools: the history table name next to the version table. */
  public String historyTable() {
    return HistoryTable.nameFor(config.settings.versionTable());
  }
}
