package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Index;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The extensions the new indexes of an operation list need ({@link Dialect#indexExtensions}, such
 * as {@code pg_trgm} for a trigram index on PostgreSQL) and the database lacks: one {@link
 * MigrationOp.CreateExtension} each, to run before the first index that needs it.
 */
final class ExtensionComparator {
  private final Dialect dialect;

  ExtensionComparator(Dialect dialect) {
    this.dialect = dialect;
  }

  List<MigrationOp> compare(List<MigrationOp> ops, Set<String> installed) {
    Set<String> needed = new LinkedHashSet<>();
    for (MigrationOp op : ops) {
      List<Index> created =
          op instanceof MigrationOp.CreateIndex c
              ? List.of(c.index())
              : op instanceof MigrationOp.CreateTable t ? t.table().indexes() : List.of();
      created.stream()
          .filter(dialect::buildsIndex)
          .forEach(ix -> needed.addAll(dialect.indexExtensions(ix)));
    }
    needed.removeAll(installed);
    return needed.stream().<MigrationOp>map(MigrationOp.CreateExtension::new).toList();
  }
}
