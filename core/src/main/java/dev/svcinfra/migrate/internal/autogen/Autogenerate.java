package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.ops.Operations;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compare, then render: reflects the database, compares it with the models, leaves drops out when
 * asked ({@code ALEMBIC_SKIP_DROPS}) and renders upgrade and downgrade sections for each requested
 * dialect.
 *
 * <pre>{@code
 * List<MigrationOp> ops = Autogenerate.compare(connection, dialect, models, List.of(), excluded);
 * AutogenResult r = Autogenerate.render(ops, List.of(Dialects.POSTGRESQL), false);
 * }</pre>
 *
 * @since 0.1
 */
public final class Autogenerate {
  private Autogenerate() {}

  /** The operations turning the database behind {@code c} into {@code models}. */
  public static List<MigrationOp> compare(
      Connection c,
      Dialect dialect,
      List<Table> models,
      List<String> includeSchemas,
      Set<String> excludedTables) {
    return compare(c, dialect, models, includeSchemas, TableFilter.excluding(excludedTables));
  }

  /**
   * The operations turning the tables {@code filter} includes into the models it includes; the
   * others are neither reported nor touched.
   */
  public static List<MigrationOp> compare(
      Connection c,
      Dialect dialect,
      List<Table> models,
      List<String> includeSchemas,
      TableFilter filter) {
    SchemaReflector reflector = new SchemaReflector(dialect, includeSchemas, filter);
    List<Table> reflected = reflector.reflect(c);
    models =
        models.stream().filter(t -> filter.includes(t.schema().orElse(null), t.name())).toList();
    return new SchemaComparator(dialect)
        .compare(
            models, reflected, reflector.extensions(c), reflector.columnsToRecollate(c, reflected));
  }

  /**
   * The tables of the database behind {@code c} that {@code filter} leaves out (besides those
   * {@code excluded} names: the migration bookkeeping), each with why it could not be rebuilt from
   * its reflection. Read only where the dialect rebuilds the tables referencing a rebuilt one
   * (DuckDB), since only there does a revision's rebuild depend on them; empty elsewhere.
   */
  public static List<UnmodelledTable> unmodelled(
      Connection c,
      Dialect dialect,
      List<String> includeSchemas,
      Set<String> excluded,
      TableFilter filter) {
    if (!dialect.rebuildsReferencingTables()) {
      return List.of();
    }
    List<UnmodelledTable> out = new ArrayList<>();
    for (Table t : new SchemaReflector(dialect, includeSchemas, excluded).reflect(c)) {
      if (filter.includes(t.schema().orElse(null), t.name())) {
        continue;
      }
      try {
        out.add(new UnmodelledTable(t, dialect.rebuildRefusal(c, t.schema().orElse(null), t)));
      } catch (SQLException e) {
        throw new MigrationException(
            ErrorCode.MIGRATION_FAILED,
            "cannot read the definition of " + t.qualifiedName() + ": " + e.getMessage(),
            e);
      }
    }
    return out;
  }

  /**
   * The operations creating the tables {@code filter} includes as the database behind {@code c} has
   * them (with their indexes, keys and the extensions those need): a baseline revision.
   */
  public static List<MigrationOp> baseline(
      Connection c, Dialect dialect, List<String> includeSchemas, TableFilter filter) {
    SchemaReflector reflector = new SchemaReflector(dialect, includeSchemas, filter);
    return new SchemaComparator(dialect).compare(reflector.reflect(c), List.of(), Set.of());
  }

  /**
   * Sections of a revision file for each dialect: one named section pair per distinct SQL, shared
   * by the dialects that render it alike.
   */
  public static AutogenResult render(
      List<MigrationOp> ops, List<Dialect> dialects, boolean skipDrops) {
    return render(ops, List.of(), dialects, skipDrops);
  }

  /**
   * As {@link #render(List, List, boolean)}, knowing the models' tables: where a table is rebuilt
   * on a database that cannot drop a table others reference (DuckDB), the tables referencing it are
   * rebuilt with it.
   */
  public static AutogenResult render(
      List<MigrationOp> ops, List<Table> models, List<Dialect> dialects, boolean skipDrops) {
    return render(ops, models, List.of(), dialects, skipDrops);
  }

  /**
   * As {@link #render(List, List, List, boolean)}, knowing also the database's tables the models do
   * not know ({@link #unmodelled}): where one references a table rebuilt on DuckDB, it is rebuilt
   * too, or the revision is refused naming it when its definition cannot be carried over.
   */
  public static AutogenResult render(
      List<MigrationOp> ops,
      List<Table> models,
      List<UnmodelledTable> unmodelled,
      List<Dialect> dialects,
      boolean skipDrops) {
    List<MigrationOp> kept = new ArrayList<>();
    List<MigrationOp> skipped = new ArrayList<>();
    for (MigrationOp op : ops) {
      (skipDrops && op.isDrop() ? skipped : kept).add(op);
    }
    List<String> notes = new ArrayList<>();
    if (!skipped.isEmpty()) {
      notes.add("ALEMBIC_SKIP_DROPS=true left out " + skipped.size() + " drop operation(s):");
      skipped.forEach(op -> notes.add("  " + op.describe()));
    }
    List<MigrationOp> down = Operations.downgrade(kept);
    // Dialects whose SQL comes out the same (MySQL and MariaDB, usually) share one pair of
    // sections (-- +upgrade mariadb,mysql) instead of a copy each.
    Map<List<String>, Set<String>> dialectsBySql = new LinkedHashMap<>();
    // A drop left out keeps its table, which may reference a table that is rebuilt.
    List<Table> tables = new ArrayList<>(models);
    skipped.stream()
        .filter(MigrationOp.DropTable.class::isInstance)
        .forEach(op -> tables.add(((MigrationOp.DropTable) op).table()));
    TableRebuilds rebuilds = new TableRebuilds(kept, tables, unmodelled);
    for (Dialect d : dialects) {
      List<String> sql =
          List.of(
              statements(rebuilds.render(d, kept, true)),
              statements(rebuilds.render(d, down, false)));
      dialectsBySql.computeIfAbsent(sql, k -> new TreeSet<>()).add(d.name());
    }
    List<SqlScript.Section> sections = new ArrayList<>();
    dialectsBySql.forEach(
        (sql, names) -> {
          sections.add(new SqlScript.Section(Direction.UPGRADE, names, sql.get(0)));
          sections.add(new SqlScript.Section(Direction.DOWNGRADE, names, sql.get(1)));
        });
    return new AutogenResult(kept, skipped, sections, notes);
  }

  private static String statements(List<String> sql) {
    StringBuilder out = new StringBuilder();
    for (String s : sql) {
      out.append(s).append(";\n");
    }
    return out.toString();
  }
}
