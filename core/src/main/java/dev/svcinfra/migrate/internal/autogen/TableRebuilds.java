package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.RebuiltTable;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Renders a revision's operations for one dialect, turning the changes of a table that the
 * dialect's {@code ALTER TABLE} cannot make into one rebuild of that table (SQLite, DuckDB;
 * Alembic's batch mode, issue 22). The table before the revision is the model's table with the
 * revision's operations on it undone, so the downgrade rebuilds back to it. Where the dialect
 * cannot drop a table others reference (DuckDB), the tables referencing a rebuilt one, as far as
 * the models and the revision know them, are rebuilt with it, and a column change such a table's
 * ALTER refuses rebuilds it.
 *
 * <pre>{@code
 * TableRebuilds rebuilds = new TableRebuilds(upgradeOps, modelTables);
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

  /**
   * Per table key: the other tables there while a rebuild runs, the same before and after it: the
   * models' tables, those the revision creates, and those it drops or leaves out.
   */
  private final Map<String, Table> others = new LinkedHashMap<>();

  /**
   * @param tables the tables besides those the operations change: the models' (as the revision
   *     leaves them) and any the database keeps that the models lack
   */
  TableRebuilds(List<MigrationOp> upgrade, List<Table> tables) {
    this(upgrade, tables, List.of());
  }

  /**
   * Per table key: why a table the models do not know cannot be rebuilt from its reflection. A
   * rebuild that would take such a table in is refused, naming it.
   */
  private final Map<String, String> refusals = new LinkedHashMap<>();

  /**
   * @param unmodelled the database's tables the models do not know (left out by the table filter):
   *     they are there before and after the revision, and are rebuilt with a table they reference
   *     where the dialect needs it
   */
  TableRebuilds(List<MigrationOp> upgrade, List<Table> tables, List<UnmodelledTable> unmodelled) {
    for (int i = upgrade.size() - 1; i >= 0; i--) {
      MigrationOp op = upgrade.get(i);
      Table table = tableOf(op);
      if (op instanceof MigrationOp.CreateTable o) {
        others.put(keyOf(o.table()), o.table());
      } else if (op instanceof MigrationOp.DropTable o) {
        others.put(keyOf(o.table()), o.table());
      }
      if (table == null) {
        continue;
      }
      String key = keyOf(table);
      after.putIfAbsent(key, table);
      before.put(key, undo(op, before.getOrDefault(key, table)));
    }
    tables.forEach(t -> others.putIfAbsent(keyOf(t), t));
    for (UnmodelledTable u : unmodelled) {
      String key = keyOf(u.table());
      if (!others.containsKey(key) && !after.containsKey(key)) {
        others.put(key, u.table());
        u.rebuildRefusal().ifPresent(r -> refusals.put(key, r));
      }
    }
  }

  /** The statements of {@code ops} for {@code dialect}, with each table it cannot alter rebuilt. */
  List<String> render(Dialect dialect, List<MigrationOp> ops, boolean upgrade) {
    OpRenderer renderer = new OpRenderer(dialect);
    List<Set<String>> groups =
        dialect.rebuildsTables() ? groups(dialect, needRebuild(dialect, renderer, ops)) : List.of();
    Set<Set<String>> done = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (MigrationOp op : ops) {
      Table table = tableOf(op);
      String key = table == null ? null : keyOf(table);
      Set<String> group = groups.stream().filter(g -> g.contains(key)).findFirst().orElse(null);
      if (group == null) {
        out.addAll(op.accept(renderer));
      } else if (done.add(group)) {
        // At the first change of one of its tables: before any later drop of a table it stops
        // referencing.
        out.addAll(
            dialect.rebuildTableStatements(
                group.stream()
                    .map(
                        k ->
                            upgrade
                                ? new RebuiltTable(from(k), to(k))
                                : new RebuiltTable(to(k), from(k)))
                    .toList()));
      }
    }
    return out;
  }

  /** The tables with a change the dialect refuses in place. */
  private Set<String> needRebuild(Dialect dialect, OpRenderer renderer, List<MigrationOp> ops) {
    Set<String> out = new LinkedHashSet<>();
    for (MigrationOp op : ops) {
      Table table = tableOf(op);
      if (table == null) {
        continue;
      }
      String key = keyOf(table);
      if (refused(renderer, op)
          || refused(renderer, onTable(op, from(key)))
          || !dialect.recreatesUniqueIndexInPlace() && uniqueRecreated(op, ops)) {
        out.add(key);
      }
      if (!referencing(key).isEmpty() && !altersReferenced(dialect, op)) {
        out.add(key);
      }
    }
    return out;
  }

  /** Whether {@code op} creates a unique index under the name of an index {@code ops} drop. */
  private static boolean uniqueRecreated(MigrationOp op, List<MigrationOp> ops) {
    String created = null;
    if (op instanceof MigrationOp.CreateIndex o && o.index().unique()) {
      created = o.index().name();
    } else if (op instanceof MigrationOp.AddUnique o) {
      created = o.unique().name();
    }
    for (MigrationOp other : ops) {
      String dropped = null;
      if (other instanceof MigrationOp.DropIndex d) {
        dropped = d.index().name();
      } else if (other instanceof MigrationOp.DropUnique d) {
        dropped = d.unique().name();
      }
      if (created != null && created.equalsIgnoreCase(dropped)) {
        return true;
      }
    }
    return false;
  }

  private static boolean refused(OpRenderer renderer, MigrationOp op) {
    try {
      op.accept(renderer);
      return false;
    } catch (UnsupportedDdlException e) {
      return true;
    }
  }

  /**
   * A column change as it meets the table before the revision: the revision's index and constraint
   * changes come after its column changes, so an index the revision drops (one the models lack) is
   * still there when the column changes, and may make the dialect refuse it in place.
   */
  private static MigrationOp onTable(MigrationOp op, Table table) {
    if (op instanceof MigrationOp.AlterColumn o) {
      return new MigrationOp.AlterColumn(table, o.from(), o.to());
    } else if (op instanceof MigrationOp.DropColumn o) {
      return new MigrationOp.DropColumn(table, o.column());
    }
    return op;
  }

  private static boolean altersReferenced(Dialect dialect, MigrationOp op) {
    if (op instanceof MigrationOp.AlterColumn o) {
      return dialect.altersReferencedTable(o.from(), Optional.of(o.to()));
    } else if (op instanceof MigrationOp.DropColumn o) {
      return dialect.altersReferencedTable(o.column(), Optional.empty());
    }
    return true;
  }

  /**
   * The tables rebuilt together: each table to rebuild alone, or where the dialect needs it, with
   * the tables referencing it (and those referencing them); groups sharing a table are one.
   */
  private List<Set<String>> groups(Dialect dialect, Set<String> rebuilt) {
    List<Set<String>> out = new ArrayList<>();
    for (String key : rebuilt) {
      Set<String> group = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(key));
      while (!todo.isEmpty()) {
        String next = todo.pop();
        if (group.add(next) && dialect.rebuildsReferencingTables()) {
          todo.addAll(referencing(next));
        }
      }
      for (Iterator<Set<String>> it = out.iterator(); it.hasNext(); ) {
        Set<String> other = it.next();
        if (!Collections.disjoint(other, group)) {
          group.addAll(other);
          it.remove();
        }
      }
      out.add(group);
    }
    out.forEach(group -> refuseUnrebuildable(dialect, group));
    return out;
  }

  /**
   * Refuses a rebuild that takes in a table the models do not know and whose definition cannot be
   * carried over: dropping it would lose part of it, and not dropping it makes the rebuild's {@code
   * DROP TABLE} of the table it references fail.
   */
  private void refuseUnrebuildable(Dialect dialect, Set<String> group) {
    List<String> refused =
        group.stream()
            .filter(refusals::containsKey)
            .map(k -> others.get(k).qualifiedName() + " (" + refusals.get(k) + ")")
            .toList();
    if (refused.isEmpty()) {
      return;
    }
    List<String> rebuilt =
        group.stream().filter(after::containsKey).map(k -> after.get(k).qualifiedName()).toList();
    throw new UnsupportedDdlException(
        dialect.name()
            + " cannot rebuild "
            + String.join(", ", rebuilt)
            + ": the tables "
            + String.join(", ", refused)
            + " reference it, the models do not know them (the table filter leaves them out),"
            + " and they cannot be dropped and created again from what the database reports of"
            + " them; drop their foreign keys to it first, or add them to the models, or change the"
            + " tables by hand");
  }

  /** The other tables whose foreign keys, before or after the revision, reference {@code key}. */
  private Set<String> referencing(String key) {
    Set<String> keys = new LinkedHashSet<>(others.keySet());
    keys.addAll(after.keySet());
    keys.remove(key);
    Set<String> out = new LinkedHashSet<>();
    for (String k : keys) {
      for (Table t : List.of(from(k), to(k))) {
        if (t.foreignKeys().stream()
            .anyMatch(
                fk ->
                    SchemaComparator.key(fk.referencedSchema().or(t::schema), fk.referencedTable())
                        .equals(key))) {
          out.add(k);
        }
      }
    }
    return out;
  }

  private Table from(String key) {
    return before.containsKey(key) ? before.get(key) : others.get(key);
  }

  private Table to(String key) {
    return after.containsKey(key) ? after.get(key) : others.get(key);
  }

  private static String keyOf(Table table) {
    return SchemaComparator.key(table.schema(), table.name());
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
