package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Renders a revision's operations for one dialect, turning the changes of a table that the
 * dialect's {@code ALTER TABLE} cannot make into one rebuild of that table (SQLite; Alembic's batch
 * mode, issue 22). The table before the revision is the model's table with the revision's
 * operations on it undone, so the downgrade rebuilds back to it.
 *
 * <pre>{@code
 * TableRebuilds rebuilds = new TableRebuilds(upgradeOps);
 * List<String> up = rebuilds.render(dialect, upgradeOps, true);
 * List<String> down = rebuilds.render(dialect, Operations.downgrade(upgradeOps), false);
 * }</pre>
 *
 * <p>Renames of tables and columns stay outside a rebuild: SQLite renames in place, and renames run
 * first, so the table before the rebuild already has the new names.
 */
final class TableRebuilds {
  /** Per table key ({@link SchemaComparator#key}): the table before the revision. */
  private final Map<String, Table> before = new LinkedHashMap<>();

  /** Per table key: the table after the revision (the model's). */
  private final Map<String, Table> after = new LinkedHashMap<>();

  TableRebuilds(List<MigrationOp> upgrade) {
    for (int i = upgrade.size() - 1; i >= 0; i--) {
      MigrationOp op = upgrade.get(i);
      Table table = tableOf(op);
      if (table == null) {
        continue;
      }
      String key = SchemaComparator.key(table.schema(), table.name());
      after.putIfAbsent(key, table);
      before.put(key, undo(op, before.getOrDefault(key, table)));
    }
  }

  /** The statements of {@code ops} for {@code dialect}, with each table it cannot alter rebuilt. */
  List<String> render(Dialect dialect, List<MigrationOp> ops, boolean upgrade) {
    OpRenderer renderer = new OpRenderer(dialect);
    Set<String> rebuilt = dialect.rebuildsTables() ? needRebuild(renderer, ops) : Set.of();
    Set<String> done = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (MigrationOp op : ops) {
      Table table = tableOf(op);
      String key = table == null ? null : SchemaComparator.key(table.schema(), table.name());
      if (key == null || !rebuilt.contains(key)) {
        out.addAll(op.accept(renderer));
      } else if (done.add(key)) {
        // At the table's first change: before any later drop of a table it stops referencing.
        out.addAll(
            upgrade
                ? dialect.rebuildTableStatements(before.get(key), after.get(key))
                : dialect.rebuildTableStatements(after.get(key), before.get(key)));
      }
    }
    return out;
  }

  /** The tables with a change the dialect refuses in place. */
  private static Set<String> needRebuild(OpRenderer renderer, List<MigrationOp> ops) {
    Set<String> out = new HashSet<>();
    for (MigrationOp op : ops) {
      Table table = tableOf(op);
      if (table == null) {
        continue;
      }
      try {
        op.accept(renderer);
      } catch (UnsupportedDdlException e) {
        out.add(SchemaComparator.key(table.schema(), table.name()));
      }
    }
    return out;
  }

  /** The table of an operation a rebuild can take in; null for the others. */
  private static Table tableOf(MigrationOp op) {
    if (op instanceof MigrationOp.AddColumn o) {
      return o.table();
    } else if (op instanceof MigrationOp.DropColumn o) {
      return o.table();
    } else if (op instanceof MigrationOp.AlterColumn o) {
      return o.table();
    } else if (op instanceof MigrationOp.AddForeignKey o) {
      return o.table();
    } else if (op instanceof MigrationOp.DropForeignKey o) {
      return o.table();
    } else if (op instanceof MigrationOp.CreateIndex o) {
      return o.table();
    } else if (op instanceof MigrationOp.DropIndex o) {
      return o.table();
    } else if (op instanceof MigrationOp.AddUnique o) {
      return o.table();
    } else if (op instanceof MigrationOp.DropUnique o) {
      return o.table();
    }
    return null;
  }

  /** {@code t} as it was before {@code op} ran. */
  private static Table undo(MigrationOp op, Table t) {
    if (op instanceof MigrationOp.AddColumn o) {
      return t.withColumns(without(t.columns(), o.column().name()));
    } else if (op instanceof MigrationOp.DropColumn o) {
      return t.withColumns(with(t.columns(), o.column()));
    } else if (op instanceof MigrationOp.AlterColumn o) {
      return t.withColumns(
          t.columns().stream()
              .map(c -> c.name().equalsIgnoreCase(o.to().name()) ? o.from() : c)
              .toList());
    } else if (op instanceof MigrationOp.AddForeignKey o) {
      return t.withForeignKeys(edit(t.foreignKeys(), l -> l.remove(o.foreignKey())));
    } else if (op instanceof MigrationOp.DropForeignKey o) {
      return t.withForeignKeys(edit(t.foreignKeys(), l -> l.add(o.foreignKey())));
    } else if (op instanceof MigrationOp.CreateIndex o) {
      return t.withIndexes(edit(t.indexes(), l -> l.remove(o.index())));
    } else if (op instanceof MigrationOp.DropIndex o) {
      return t.withIndexes(edit(t.indexes(), l -> l.add(o.index())));
    } else if (op instanceof MigrationOp.AddUnique o) {
      return t.withUniqueConstraints(edit(t.uniqueConstraints(), l -> l.remove(o.unique())));
    } else if (op instanceof MigrationOp.DropUnique o) {
      return t.withUniqueConstraints(edit(t.uniqueConstraints(), l -> l.add(o.unique())));
    }
    return t;
  }

  private static List<Column> without(List<Column> columns, String name) {
    return columns.stream().filter(c -> !c.name().equalsIgnoreCase(name)).toList();
  }

  private static List<Column> with(List<Column> columns, Column column) {
    List<Column> out = new ArrayList<>(without(columns, column.name()));
    out.add(column);
    return out;
  }

  private static <T> List<T> edit(List<T> list, Consumer<List<T>> change) {
    List<T> out = new ArrayList<>(list);
    change.accept(out);
    return out;
  }
}
