package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The row copy of a table rebuild ({@link SqliteTableRebuild}, {@link DuckDbTableRebuild}): the
 * columns of the new definition that the old one has, each with the value it takes. A column
 * becoming NOT NULL takes its default where a row holds NULL, so the copy does not fail on it; a
 * new NOT NULL column without a default could not be filled, so that rebuild is refused when the
 * revision is written.
 */
final class RebuildCopy {
  private final StandardDialect dialect;
  private final Table from;
  private final Table to;
  private final List<String> targets = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();

  /**
   * @param stored the column as the database stores its default (SQLite keeps decimals scaled)
   */
  RebuildCopy(StandardDialect dialect, Table from, Table to, UnaryOperator<Column> stored) {
    this.dialect = dialect;
    this.from = from;
    this.to = to;
    for (Column c : to.columns()) {
      Optional<Column> old = from.columnIgnoringCase(c.name());
      if (old.isPresent()) {
        targets.add(dialect.quote(c.name()));
        sources.add(source(old.get(), c, stored));
      } else if (!c.nullable() && c.defaultSql().isEmpty() && !c.identity()) {
        throw new UnsupportedDdlException(
            dialect.name()
                + " cannot rebuild "
                + to.qualifiedName()
                + " with the new NOT NULL column "
                + c.name()
                + ": the existing rows have no value for it; give the column a default, or add it"
                + " nullable, fill it, then make it NOT NULL");
      }
    }
  }

  /** {@code INSERT INTO target (..) SELECT .. FROM source}. */
  String insert(String target, String source) {
    return "INSERT INTO "
        + target
        + " ("
        + String.join(", ", targets)
        + ") SELECT "
        + String.join(", ", sources)
        + " FROM "
        + source;
  }

  /**
   * The {@code DROP TABLE} of the old table. Lint flags it as data loss; here the rows were copied,
   * so it says so, unless the rebuild drops a column or changes a type: that loss lint must show.
   *
   * @param where where the rows are now, for the lint comment
   */
  String dropOld(String table, String where) {
    return (lossless()
            ? "-- lint:allow drop_table (table rebuild: the rows are in " + where + ")\n"
            : "")
        + "DROP TABLE "
        + table;
  }

  /** The copied value: the old column, or its default where the column becomes NOT NULL. */
  private String source(Column old, Column now, UnaryOperator<Column> stored) {
    String quoted = dialect.quote(old.name());
    if (old.nullable() && !now.nullable() && now.defaultSql().isPresent()) {
      return "COALESCE(" + quoted + ", " + stored.apply(now).defaultSql().get() + ")";
    }
    return quoted;
  }

  /** Whether every column of the old definition is in the new one, with the same type. */
  private boolean lossless() {
    return from.columns().stream()
        .allMatch(
            c ->
                to.columnIgnoringCase(c.name())
                    .map(
                        n ->
                            dialect.columnTypeSql(n.type()).equals(dialect.columnTypeSql(c.type())))
                    .orElse(false));
  }
}
