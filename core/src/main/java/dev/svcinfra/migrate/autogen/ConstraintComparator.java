package dev.svcinfra.migrate.autogen;

import dev.svcinfra.migrate.ops.MigrationOp;
import dev.svcinfra.sql.model.ForeignKey;
import dev.svcinfra.sql.model.Index;
import dev.svcinfra.sql.model.Table;
import dev.svcinfra.sql.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares one table's indexes, unique constraints and foreign keys. Plain indexes match by name;
 * uniqueness matches by columns, because JDBC reports unique constraints as unique indexes (with
 * generated names on SQLite); foreign keys match by columns and referenced table and columns.
 */
final class ConstraintComparator {

  List<MigrationOp> compare(Table model, Table live) {
    List<MigrationOp> ops = new ArrayList<>();
    List<Index> liveIndexes = new ArrayList<>(live.indexes());
    for (Index wanted : model.indexes().stream().filter(i -> !i.unique()).toList()) {
      Index match = liveIndexes.stream()
          .filter(i -> !i.unique() && i.name().equalsIgnoreCase(wanted.name())).findFirst()
          .orElse(null);
      if (match != null && columns(match.columns()).equals(columns(wanted.columns()))) {
        liveIndexes.remove(match);
      } else {
        ops.add(new MigrationOp.CreateIndex(model, wanted));
      }
    }
    for (UniqueConstraint wanted : model.uniqueConstraints()) {
      if (!takeUnique(liveIndexes, wanted.columns())) {
        ops.add(new MigrationOp.AddUnique(model, wanted));
      }
    }
    for (Index wanted : model.indexes().stream().filter(Index::unique).toList()) {
      if (!takeUnique(liveIndexes, wanted.columns())) {
        ops.add(new MigrationOp.CreateIndex(model, wanted));
      }
    }
    for (Index left : liveIndexes) {
      ops.add(left.unique()
          ? new MigrationOp.DropUnique(model, new UniqueConstraint(left.name(), left.columns()))
          : new MigrationOp.DropIndex(model, left));
    }
    List<ForeignKey> liveKeys = new ArrayList<>(live.foreignKeys());
    for (ForeignKey wanted : model.foreignKeys()) {
      ForeignKey match = liveKeys.stream().filter(k -> sameKey(k, wanted)).findFirst().orElse(null);
      if (match != null) {
        liveKeys.remove(match);
      } else {
        ops.add(new MigrationOp.AddForeignKey(model, wanted));
      }
    }
    liveKeys.forEach(k -> ops.add(new MigrationOp.DropForeignKey(model, k)));
    return ops;
  }

  private static boolean takeUnique(List<Index> live, List<String> columns) {
    Index match = live.stream().filter(i -> i.unique() && columns(i.columns()).equals(columns(columns)))
        .findFirst().orElse(null);
    return match != null && live.remove(match);
  }

  private static boolean sameKey(ForeignKey a, ForeignKey b) {
    return columns(a.columns()).equals(columns(b.columns()))
        && a.referencedTable().equalsIgnoreCase(b.referencedTable())
        && columns(a.referencedColumns()).equals(columns(b.referencedColumns()));
  }

  private static List<String> columns(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }
}
