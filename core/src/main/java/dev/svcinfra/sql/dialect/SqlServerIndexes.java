package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ignore-case indexes on SQL Server (issue 22), which indexes columns and never expressions: each
 * column {@code c} of the index gets a persisted computed column {@code c__lower AS LOWER([c])},
 * and the index is over those. A live-rows-only index keeps its filter on the real soft-delete
 * column: {@code CREATE UNIQUE INDEX [ux_users_email_lower_live] ON [users] ([email__lower]) WHERE
 * [deleted_at] IS NULL}.
 *
 * <p>The rules this relies on (Microsoft's "Indexes on computed columns" and "Create filtered
 * indexes"):
 *
 * <ul>
 *   <li>A computed column can be an index key when its expression is deterministic and precise;
 *       {@code LOWER} is both. {@code PERSISTED} stores the value, so writes compute it once and
 *       reads never do.
 *   <li>A filtered index's {@code WHERE} is a simple predicate ({@code IS NULL}, {@code IS NOT
 *       NULL}, comparisons, {@code IN}, joined by {@code AND}) and cannot name a computed column
 *       (error 10609), but its keys can be computed columns: so the filter is on {@code
 *       deleted_at}, the key on {@code email__lower}. A unique filtered index enforces uniqueness
 *       among the rows the filter keeps, which is exactly "unique among live rows" (issue 21).
 *   <li>Creating such an index, and every later INSERT, UPDATE or DELETE of the table, needs the
 *       session options {@code ANSI_NULLS}, {@code ANSI_PADDING}, {@code ANSI_WARNINGS}, {@code
 *       ARITHABORT}, {@code CONCAT_NULL_YIELDS_NULL}, {@code QUOTED_IDENTIFIER} on and {@code
 *       NUMERIC_ROUNDABORT} off (error 1934 otherwise). mssql-jdbc sessions have them; an old
 *       {@code sqlcmd} without {@code -I} (QUOTED_IDENTIFIER off) cannot write the table.
 *   <li>An index key holds at most 1700 bytes and never an {@code NVARCHAR(MAX)}: an ignore-case
 *       index over a text column without a length is refused here.
 * </ul>
 *
 * <p>What {@code LOWER} folds: each character through the case table of the input's collation. The
 * column is {@code Latin1_General_100_BIN2} ({@link SqlServerDialect#collationClause}) and the
 * computed column inherits it, so {@code ÉMILE} and {@code émile}, {@code ΩMEGA} and {@code ωmega}
 * collide, while accents, width ({@code ｅ} vs {@code e}) and kana stay distinct because the lowered
 * values are compared by code point. Not guaranteed: the same fold as Java's {@code
 * Character.toLowerCase} for every code point, since the version-100 case tables predate later
 * Unicode versions, and a non-{@code _SC} collation sees a character outside the BMP as two
 * surrogates, which may leave it unfolded (neither is verified here: there is no SQL Server in the
 * test set-up). The service's own check runs the same {@code LOWER(email) = LOWER(?)} on the
 * server, so check and index always agree. Trailing spaces are ignored by every SQL Server
 * comparison, this index's included.
 *
 * <p>A case-insensitive collation on the column was the other way. It is not taken: {@code _CI_AS}
 * collations also ignore width and kana and apply linguistic equivalences, so more than case would
 * collide, and the column's own comparisons (keys, cursors, {@code =}) would stop being exact
 * (issue 16).
 */
final class SqlServerIndexes {
  private SqlServerIndexes() {}

  /** The computed column holding {@code LOWER(column)}, the name MariaDB's dialect uses too. */
  static final String LOWER_SUFFIX = "__lower";

  /** SQL Server's longest identifier. */
  private static final int MAX_IDENTIFIER = 128;

  /**
   * The key list: the computed {@code __lower} columns of an ignore-case index, else the columns.
   */
  static String keys(SqlServerDialect d, Table table, Index index) {
    if (!index.ignoreCase()) {
      return d.columnList(index.columns());
    }
    return index.columns().stream()
        .map(c -> d.quote(lowerColumnName(table, index, c)))
        .collect(Collectors.joining(", "));
  }

  /**
   * For an ignore-case index, one statement per column adding its computed column unless the table
   * has a column of that name (another ignore-case index over it added it), then the index.
   */
  static List<String> createStatements(SqlServerDialect d, Table table, Index index) {
    List<String> out = new ArrayList<>();
    if (index.ignoreCase()) {
      for (String column : index.columns()) {
        String lower = lowerColumnName(table, index, column);
        out.add(
            "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE object_id = "
                + objectId(d, table)
                + " AND name = "
                + d.stringLiteral(lower)
                + ") "
                + d.alterTable(table)
                + " ADD "
                + d.quote(lower)
                + " AS LOWER("
                + d.quote(column)
                + ") PERSISTED");
      }
    }
    out.add(d.createIndexStatement(table, index));
    return out;
  }

  /**
   * The index, then each of its computed columns that no other index uses any more and that is
   * still a computed column (never a real column that happens to have the name).
   */
  static List<String> dropStatements(SqlServerDialect d, Table table, Index index) {
    List<String> out = new ArrayList<>();
    out.add(d.dropIndexStatement(table, index));
    if (index.ignoreCase()) {
      for (String column : index.columns()) {
        String lower = d.stringLiteral(column + LOWER_SUFFIX);
        out.add(
            "IF EXISTS (SELECT 1 FROM sys.computed_columns WHERE object_id = "
                + objectId(d, table)
                + " AND name = "
                + lower
                + ") AND NOT EXISTS (SELECT 1 FROM sys.index_columns ic JOIN sys.columns c"
                + " ON c.object_id = ic.object_id AND c.column_id = ic.column_id"
                + " WHERE c.object_id = "
                + objectId(d, table)
                + " AND c.name = "
                + lower
                + ") "
                + d.alterTable(table)
                + " DROP COLUMN "
                + d.quote(column + LOWER_SUFFIX));
      }
    }
    return out;
  }

  /**
   * A column under an ignore-case index cannot change type while its computed column depends on it
   * (SQL Server error 5074), so that change is refused with the way round it.
   */
  static void refuseAlteringFoldedColumn(Table table, Column to) {
    for (Index ix : table.indexes()) {
      if (ix.ignoreCase() && ix.columns().stream().anyMatch(c -> c.equalsIgnoreCase(to.name()))) {
        throw new UnsupportedDdlException(
            "mssql cannot alter "
                + table.qualifiedName()
                + "."
                + to.name()
                + " while the computed column "
                + to.name()
                + LOWER_SUFFIX
                + " of the ignore-case index "
                + ix.name()
                + " depends on it; drop the index in one revision (its computed column goes "
                + "with it), alter the column, and create the index again");
      }
    }
  }

  /** {@code OBJECT_ID(N'[schema].[table]')}. */
  private static String objectId(SqlServerDialect d, Table table) {
    return "OBJECT_ID(" + d.stringLiteral(d.tableName(table.schema(), table.name())) + ")";
  }

  /** {@code email__lower}, after checking that the index can be built over it. */
  private static String lowerColumnName(Table table, Index index, String column) {
    ColumnType type = StandardDdl.indexedColumnType(table, index, column);
    if (type.kind() != ColumnType.Kind.STRING && type.kind() != ColumnType.Kind.ENUM) {
      throw new UnsupportedDdlException(
          "mssql cannot index "
              + table.qualifiedName()
              + "."
              + column
              + " ignoring case for "
              + index.name()
              + ": it is "
              + type.kind()
              + ", stored as NVARCHAR(MAX), and SQL Server index keys cannot be (MAX) types; "
              + "give the column a length (@Column(length = ...)) or drop ignoreCase");
    }
    String name = column + LOWER_SUFFIX;
    if (name.length() > MAX_IDENTIFIER) {
      throw new UnsupportedDdlException(
          "mssql cannot name the computed column "
              + name
              + " of index "
              + index.name()
              + ": longer than "
              + MAX_IDENTIFIER
              + " characters; shorten the column name "
              + column);
    }
    return name;
  }
}
