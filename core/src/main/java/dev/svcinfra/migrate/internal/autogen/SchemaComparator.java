package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.ReferenceOrder;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the models' tables with the reflected ones and answers the operations that turn the
 * database into the models: tables added, removed or renamed (a model naming the table's previous
 * name), then per table the columns ({@link ColumnComparator}) and constraints ({@link
 * ConstraintComparator}), and the extensions new indexes need ({@link ExtensionComparator}).
 * Operations come in an order that runs: extensions, renames, new tables (referenced tables first),
 * columns, drops of constraints before drops of what they cover, new constraints last.
 *
 * <pre>{@code
 * List<MigrationOp> ops = new SchemaComparator(dialect).compare(modelTables, reflectedTables);
 * }</pre>
 *
 * @since 0.1
 */
public final class SchemaComparator {
  /** Operation kinds in the order they run. */
  private static final List<Class<? extends MigrationOp>> ORDER =
      List.of(
          MigrationOp.CreateExtension.class,
          MigrationOp.RenameTable.class,
          MigrationOp.CreateTable.class,
          MigrationOp.RenameColumn.class,
          MigrationOp.AddColumn.class,
          MigrationOp.AlterColumn.class,
          MigrationOp.DropForeignKey.class,
          MigrationOp.DropIndex.class,
          MigrationOp.DropUnique.class,
          MigrationOp.DropColumn.class,
          MigrationOp.DropTable.class,
          MigrationOp.CreateIndex.class,
          MigrationOp.AddUnique.class,
          MigrationOp.AddForeignKey.class);

  private final Dialect dialect;

  public SchemaComparator(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * The operations, with no extension known to be installed: every extension a new index needs is
   * created ({@code CREATE EXTENSION IF NOT EXISTS}, so it is harmless when present).
   */
  public List<MigrationOp> compare(List<Table> models, List<Table> reflected) {
    return compare(models, reflected, Set.of());
  }

  /**
   * The operations, starting with the extensions the new indexes need and {@code installed} (the
   * database's extensions, {@link SchemaReflector#extensions}) lacks.
   */
  public List<MigrationOp> compare(
      List<Table> models, List<Table> reflected, Set<String> installed) {
    return compare(models, reflected, installed, Map.of());
  }

  /**
   * The operations, also restating the columns in {@code recollate} (by reflected table, {@link
   * #key}) whose collation is not the dialect's ({@code Dialect.columnsToRecollate}).
   */
  public List<MigrationOp> compare(
      List<Table> models,
      List<Table> reflected,
      Set<String> installed,
      Map<String, Set<String>> recollate) {
    Map<String, Table> live = new LinkedHashMap<>();
    reflected.forEach(t -> live.put(key(t.schema(), t.name()), t));
    List<MigrationOp> ops = new ArrayList<>();
    List<Table> created = new ArrayList<>();
    Set<String> matched = new LinkedHashSet<>();
    for (Table model : models) {
      Table current = live.get(key(model.schema(), model.name()));
      if (current == null) {
        for (String previous : model.previousNames()) {
          Table old = live.get(key(model.schema(), previous));
          boolean stillModelled =
              models.stream()
                  .anyMatch(m -> key(m.schema(), m.name()).equals(key(model.schema(), previous)));
          if (old != null && !stillModelled && !matched.contains(key(old.schema(), old.name()))) {
            ops.add(new MigrationOp.RenameTable(model, old.name()));
            current = old;
            break;
          }
        }
      }
      if (current == null) {
        created.add(model);
        continue;
      }
      matched.add(key(current.schema(), current.name()));
      ops.addAll(
          new ColumnComparator(dialect)
              .compare(
                  model,
                  current,
                  recollate.getOrDefault(key(current.schema(), current.name()), Set.of())));
      ops.addAll(new ConstraintComparator(dialect).compare(model, current));
    }
    for (Table t : ReferenceOrder.referencedFirst(created, t -> t)) {
      ops.add(new MigrationOp.CreateTable(t));
    }
    for (var e : live.entrySet()) {
      if (!matched.contains(e.getKey())) {
        ops.add(new MigrationOp.DropTable(e.getValue()));
      }
    }
    ops.addAll(new ExtensionComparator(dialect).compare(ops, installed));
    List<MigrationOp> ordered = new ArrayList<>();
    for (Class<? extends MigrationOp> kind : ORDER) {
      ops.stream().filter(kind::isInstance).forEach(ordered::add);
    }
    return ordered;
  }

  /** The key of a table in the maps of {@link #compare}: schema and name, lower case. */
  public static String key(Optional<String> schema, String name) {
    return (schema.orElse("") + "." + name).toLowerCase(Locale.ROOT);
  }
}
