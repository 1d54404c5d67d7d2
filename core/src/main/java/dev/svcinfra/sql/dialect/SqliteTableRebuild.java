package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQLite's table rebuild, the procedure of "other kinds of table schema changes" in its ALTER TABLE
 * documentation (Alembic's batch mode): the new definition is created under a temporary name, the
 * rows of the columns both definitions have are copied, the old table is dropped and the new one
 * renamed, then the indexes are built again (index names are database-wide, so they can only be
 * created once the old ones are gone).
 *
 * <p>Foreign keys: other tables reference the table by name, so they point at the rebuilt table
 * after the rename. Dropping a table others reference while foreign keys are enforced would delete
 * its rows first (firing {@code ON DELETE} actions on the children), so the migration connection
 * runs with {@code foreign_keys} off and every step ends with {@code PRAGMA foreign_key_check}
 * ({@link SqliteDialect#migrationSessionStatements}, {@link SqliteDialect#foreignKeyViolations}). A
 * rebuild run where enforcement is on fails before it changes anything ({@link #GUARD}).
 */
final class SqliteTableRebuild {
  /**
   * Fails the step, before anything changed, when foreign keys are enforced: the DROP TABLE would
   * then delete the rows first and fire the children's ON DELETE actions. {@code
   * defer_foreign_keys} does not help (the drop's deletions still run those actions, and still
   * count as violations at commit), and SQLite has no conditional error outside triggers, so a
   * named CHECK on a scratch row carries the message.
   */
  private static final List<String> GUARD =
      List.of(
          "CREATE TEMP TABLE \"_svcinfra_rebuild_guard\" (\"foreign_keys\" INTEGER CONSTRAINT"
              + " \"a table rebuild needs PRAGMA foreign_keys = OFF, set before the transaction"
              + " (the migration connection does so)\" CHECK (\"foreign_keys\" = 0))",
          "INSERT INTO temp.\"_svcinfra_rebuild_guard\" SELECT \"foreign_keys\" FROM"
              + " pragma_foreign_keys",
          "-- lint:allow drop_table (scratch table of the rebuild guard)\n"
              + "DROP TABLE temp.\"_svcinfra_rebuild_guard\"");

  private final SqliteDialect dialect;

  SqliteTableRebuild(SqliteDialect dialect) {
    this.dialect = dialect;
  }

  List<String> statements(Table from, Table to) {
    refuseDecimalRescale(from, to);
    String target = dialect.tableName(to.schema(), to.name());
    String scratchName = "_new_" + to.name();
    String scratch = dialect.tableName(to.schema(), scratchName);
    Table bare =
        new Table(
            to.schema(),
            scratchName,
            to.columns(),
            to.primaryKey(),
            List.of(),
            to.uniqueConstraints(),
            to.foreignKeys(),
            to.checks(),
            to.comment(),
            List.of());
    List<String> out = new ArrayList<>();
    out.addAll(GUARD);
    out.addAll(dialect.createTableStatements(bare));
    RebuildCopy copy =
        new RebuildCopy(
            dialect,
            from,
            to,
            c ->
                c.type().kind() == ColumnType.Kind.DECIMAL
                    ? SqliteDecimals.withStoredDefault(c)
                    : c);
    out.add(copy.insert(scratch, target));
    out.add(copy.dropOld(target, scratchName));
    out.add("ALTER TABLE " + scratch + " RENAME TO " + dialect.quote(to.name()));
    for (Index ix : to.indexes()) {
      if (dialect.buildsIndex(ix)) {
        out.add(dialect.createIndexStatement(to, ix));
      }
    }
    return out;
  }

  /**
   * Decimals are stored as integers scaled by the column's scale ({@link SqliteDecimals}); copying
   * them into another scale would change every value, so that change is refused.
   */
  private static void refuseDecimalRescale(Table from, Table to) {
    for (Column c : to.columns()) {
      Optional<Column> old = from.columnIgnoringCase(c.name());
      if (old.isEmpty()) {
        continue;
      }
      ColumnType a = old.get().type();
      ColumnType b = c.type();
      boolean decimal = a.kind() == ColumnType.Kind.DECIMAL || b.kind() == ColumnType.Kind.DECIMAL;
      if (decimal && (a.kind() != b.kind() || a.scale() != b.scale())) {
        throw new UnsupportedDdlException(
            "sqlite stores "
                + to.qualifiedName()
                + "."
                + c.name()
                + " as an integer scaled by its decimal scale, so changing it from "
                + a
                + " to "
                + b
                + " would change every value; add a new column, convert the values, drop the old");
      }
    }
  }
}
