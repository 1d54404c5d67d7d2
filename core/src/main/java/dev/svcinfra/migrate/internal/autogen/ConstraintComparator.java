package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Compares one table's indexes, unique constraints and foreign keys. Plain indexes match by name;
 * uniqueness matches by columns, because JDBC reports unique constraints as unique indexes (with
 * generated names on SQLite), preferring the live index of the same name; foreign keys match by
 * columns and referenced table and columns. An ignore-case index ({@code lower(column)}) matches
 * only an ignore-case one, as the dialect judges it ({@link Dialect#sameIndexCase}); a unique
 * constraint is a plain unique index. A trigram index matches only a trigram index, and is not
 * looked for where the dialect does not build it ({@link Dialect#buildsIndex}). A live-rows-only
 * index matches only one over the same rows ({@link Index#sameRows}), so turning {@code
 * liveRowsOnly} on or off drops and re-creates the index in the revision (issue 21), and a
 * constraint is never live-rows-only.
 */
final class ConstraintComparator {
  private final Dialect dialect;

  ConstraintComparator(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * The operations on {@code model}'s indexes and unique constraints where the dialect reflects
   * them, and on its foreign keys where it reflects those ({@link Dialect#reflectsForeignKeys}).
   */
  List<MigrationOp> compare(Table model, Table live) {
    List<MigrationOp> ops = dialect.reflectsIndexes() ? indexes(model, live) : new ArrayList<>();
    if (dialect.reflectsForeignKeys()) {
      ops.addAll(foreignKeys(model, live));
    }
    return ops;
  }

  private List<MigrationOp> indexes(Table model, Table live) {
    List<MigrationOp> ops = new ArrayList<>();
    List<Index> liveIndexes = new ArrayList<>(live.indexes());
    List<Index> built = model.indexes().stream().filter(dialect::buildsIndex).toList();
    for (Index wanted : built.stream().filter(i -> !i.unique()).toList()) {
      Index match =
          liveIndexes.stream()
              .filter(i -> !i.unique() && i.name().equalsIgnoreCase(wanted.name()))
              .findFirst()
              .orElse(null);
      if (match != null
          && columns(match.columns()).equals(columns(wanted.columns()))
          && match.trigram() == wanted.trigram()
          && match.sameRows(wanted)
          && dialect.sameIndexCase(wanted, match)) {
        liveIndexes.remove(match);
      } else {
        ops.add(new MigrationOp.CreateIndex(model, wanted));
      }
    }
    for (UniqueConstraint wanted : model.uniqueConstraints()) {
      if (!takeUnique(liveIndexes, new Index(wanted.name(), wanted.columns(), true))) {
        ops.add(new MigrationOp.AddUnique(model, wanted));
      }
    }
    for (Index wanted : built.stream().filter(Index::unique).toList()) {
      if (!takeUnique(liveIndexes, wanted)) {
        ops.add(new MigrationOp.CreateIndex(model, wanted));
      }
    }
    for (Index left : liveIndexes) {
      // An expression index is never a constraint: it is dropped (and restored) as an index.
      // Where a plain constraint would match it (MariaDB's collations), it may be one. Nor is an
      // index reflected with other key parts than columns (an expression, or a definition such
      // as PostgreSQL's "USING btree (code) WHERE ..."): a constraint's keys are columns.
      boolean constraint =
          left.unique()
              && left.whereNull().isEmpty()
              && (!left.ignoreCase()
                  || dialect.sameIndexCase(new Index(left.name(), left.columns(), true), left))
              && left.columns().stream().noneMatch(c -> c.contains("("));
      ops.add(
          constraint
              ? new MigrationOp.DropUnique(model, new UniqueConstraint(left.name(), left.columns()))
              : new MigrationOp.DropIndex(model, left));
    }
    return ops;
  }

  private static List<MigrationOp> foreignKeys(Table model, Table live) {
    List<MigrationOp> ops = new ArrayList<>();
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

  /** Takes the live unique index that is {@code wanted}: same columns and case, same name first. */
  private boolean takeUnique(List<Index> live, Index wanted) {
    Index match =
        live.stream()
            .filter(
                i ->
                    i.unique()
                        && columns(i.columns()).equals(columns(wanted.columns()))
                        && i.sameRows(wanted)
                        && dialect.sameIndexCase(wanted, i))
            .min(Comparator.comparing(i -> !i.name().equalsIgnoreCase(wanted.name())))
            .orElse(null);
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
