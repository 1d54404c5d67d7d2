package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.internal.autogen.Autogenerate;
import dev.svcinfra.migrate.internal.autogen.TableFilter;
import dev.svcinfra.migrate.internal.autogen.UnmodelledTable;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.HistoryTable;
import dev.svcinfra.migrate.internal.runtime.MigrationContext;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The autogenerate precondition and comparison shared by {@code revision --autogenerate} and {@code
 * check}: the database must be at head (the guide's {@code ensure_head_before_autogenerate}), then
 * models are compared with the live schema, leaving the migration bookkeeping tables out.
 */
final class ModelComparison {
  private ModelComparison() {}

  static List<MigrationOp> atHead(
      MigrationContext ctx,
      RevisionGraph graph,
      Connection c,
      Dialect dialect,
      List<Table> models,
      MigrationConfig config) {
    Set<String> heads = new TreeSet<>();
    graph.heads().forEach(r -> heads.add(r.id()));
    if (!ctx.heads().equals(heads)) {
      throw new MigrationException(
          ErrorCode.DATABASE_NOT_AT_HEAD,
          "the database is at "
              + (ctx.heads().isEmpty() ? "base" : String.join(", ", ctx.heads()))
              + " but the revisions end at "
              + String.join(", ", heads)
              + "; run 'svc-infra sql "
              + "upgrade' first, so the comparison does not repeat revisions already written");
    }
    return Autogenerate.compare(
        c, dialect, models, config.settings.includeSchemas(), tableFilter(config));
  }

  /**
   * The tables check and autogenerate look at: the configured globs and code hook, never the
   * migration bookkeeping tables.
   */
  static TableFilter tableFilter(MigrationConfig config) {
    return TableFilter.of(
        config.settings.includeTables(),
        config.settings.excludeTables(),
        bookkeeping(config),
        config.includeTable);
  }

  /** The migration bookkeeping tables (lower case): version, history, lock. */
  private static Set<String> bookkeeping(MigrationConfig config) {
    String version = config.settings.versionTable().toLowerCase(Locale.ROOT);
    return Set.of(version, HistoryTable.nameFor(version), version + "_lock");
  }

  /**
   * The database's tables the table filter leaves out, but for the bookkeeping ones, where a
   * revision's rebuild may have to take them in ({@link Autogenerate#unmodelled}).
   */
  static List<UnmodelledTable> unmodelled(Connection c, MigrationConfig config) {
    return Autogenerate.unmodelled(
        c,
        config.dialect(),
        config.settings.includeSchemas(),
        bookkeeping(config),
        tableFilter(config));
  }

  /** The models' tables the table filter includes: those autogenerate compares. */
  static List<Table> includedModels(MigrationConfig config) {
    TableFilter filter = tableFilter(config);
    return config.modelTables().stream()
        .filter(t -> filter.includes(t.schema().orElse(null), t.name()))
        .toList();
  }

  /** {@code table.column} pairs of the models, for the rename lint rule. */
  static Set<String> mappedColumns(List<Table> models) {
    Set<String> out = new HashSet<>();
    for (Table t : models) {
      t.columns().forEach(col -> out.add((t.name() + "." + col.name()).toLowerCase(Locale.ROOT)));
    }
    return out;
  }
}
