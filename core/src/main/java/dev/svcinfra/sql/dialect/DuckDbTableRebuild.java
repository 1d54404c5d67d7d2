package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.RebuiltTable;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.ReferenceOrder;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's table rebuild, for what its {@code ALTER TABLE} refuses: a foreign key added or dropped,
 * and a column's type or nullability changed or the column dropped where the table has an index,
 * other tables reference it, or the column is in its primary key, a unique constraint or a foreign
 * key ({@link DuckDbDialect#alterColumnStatements}).
 *
 * <p>DuckDB refuses to drop a table other tables' foreign keys reference, and binds a foreign key
 * to the table it names when it is created, so a copy under a scratch name cannot be renamed into
 * place (its children would still point at the old table, and a key to itself at the scratch name).
 * The tables of the rebuild (the table and those referencing it, {@link
 * DuckDbDialect#rebuildsReferencingTables}) are therefore copied out to temporary tables, dropped
 * (children first), created again under their own names (referenced tables first), filled from the
 * copies and given their indexes. All of it runs in the revision's transaction (DuckDB's DDL is
 * transactional), and DuckDB checks each copied row's foreign keys as it is inserted, so a row the
 * new definition's keys reject fails the step and nothing changes.
 *
 * <p>Identity columns keep their sequence ({@code seq_table_column}): it outlives the drop, so the
 * new table's default continues it; a column that becomes an identity gets one.
 */
final class DuckDbTableRebuild {
  private final DuckDbDialect dialect;

  DuckDbTableRebuild(DuckDbDialect dialect) {
    this.dialect = dialect;
  }

  List<String> statements(List<RebuiltTable> tables) {
    tables.forEach(DuckDbTableRebuild::refuseSelfReference);
    // DuckDB cannot make a reference cycle (no ALTER adds a key), so these orders are complete.
    List<RebuiltTable> created = ReferenceOrder.referencedFirst(tables, RebuiltTable::to);
    List<RebuiltTable> dropped = ReferenceOrder.referencedFirst(tables, RebuiltTable::from);
    List<String> out = new ArrayList<>();
    for (RebuiltTable t : tables) {
      out.add("CREATE TEMP TABLE " + stash(t.from()) + " AS SELECT * FROM " + name(t.from()));
    }
    for (int i = dropped.size() - 1; i >= 0; i--) {
      RebuiltTable t = dropped.get(i);
      out.add(copyOf(t).dropOld(name(t.from()), "temp." + stashName(t.from())));
    }
    for (RebuiltTable t : created) {
      out.addAll(newSequences(t));
      Table bare = t.to().withIndexes(List.of());
      List<String> create = dialect.createTableStatements(bare);
      // The table's sequences are there already: leave out the CREATE SEQUENCE its DDL opens with.
      out.addAll(create.subList(dialect.identityPrelude(bare).size(), create.size()));
    }
    for (RebuiltTable t : created) {
      out.add(copyOf(t).insert(name(t.to()), stash(t.from())));
    }
    for (RebuiltTable t : tables) {
      out.add(
          "-- lint:allow drop_table (the rebuild's copy of "
              + t.to().qualifiedName()
              + ")\nDROP TABLE "
              + stash(t.from()));
    }
    for (RebuiltTable t : created) {
      for (Index ix : t.to().indexes()) {
        if (dialect.buildsIndex(ix)) {
          out.add(dialect.createIndexStatement(t.to(), ix));
        }
      }
    }
    return out;
  }

  private RebuildCopy copyOf(RebuiltTable t) {
    return new RebuildCopy(dialect, t.from(), t.to(), c -> c);
  }

  /**
   * DuckDB checks a row's key to its own table only against the rows there before the statement, so
   * one {@code INSERT .. SELECT} cannot copy rows that reference one another, and a later UPDATE of
   * the key column fails the same way: a table referencing itself is refused.
   */
  private static void refuseSelfReference(RebuiltTable t) {
    for (Table side : List.of(t.from(), t.to())) {
      if (side.foreignKeys().stream()
          .anyMatch(fk -> fk.referencedTable().equalsIgnoreCase(side.name()))) {
        throw new UnsupportedDdlException(
            "duckdb cannot rebuild "
                + side.qualifiedName()
                + ", which references itself: it checks such a key only against the rows already"
                + " in the table, so the rows cannot be copied into a new table in one statement;"
                + " change the table by hand, copying its rows level by level");
      }
    }
  }

  /**
   * A sequence for each column that becomes an identity. {@code IF NOT EXISTS}: a column that
   * stopped being one, in place or by a rebuild, left its sequence (as {@code DROP COLUMN} does),
   * so a downgrade's {@code ADD COLUMN} still finds it.
   */
  private List<String> newSequences(RebuiltTable t) {
    List<String> out = new ArrayList<>();
    for (Column c : t.to().columns()) {
      boolean was = t.from().columnIgnoringCase(c.name()).map(Column::identity).orElse(false);
      if (c.identity() && !was) {
        out.add("CREATE SEQUENCE IF NOT EXISTS " + dialect.sequence(t.to(), c));
      }
    }
    return out;
  }

  private String name(Table t) {
    return dialect.tableName(t.schema(), t.name());
  }

  /**
   * The temporary copy's name: DuckDB keeps temporary tables in their own catalog, {@code temp}.
   */
  private static String stashName(Table t) {
    return "_old_" + t.schema().map(s -> s + ".").orElse("") + t.name();
  }

  private String stash(Table t) {
    return "temp." + dialect.quote(stashName(t));
  }
}
