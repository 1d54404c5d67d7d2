package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQL Server's filtered indexes and the computed {@code LOWER()} columns of ignore-case indexes, as
 * the catalog views spell them ({@code sys.indexes.filter_definition}, {@code
 * sys.computed_columns.definition}), read back into the models' indexes. No SQL Server here: the
 * reflected tables are written as mssql-jdbc's metadata would report them.
 */
class SqlServerIndexReflectionTest {
  static final List<Column> COLUMNS =
      List.of(
          Column.of("id", ColumnType.of(Kind.UUID)).notNull(),
          Column.of("email", ColumnType.string(320)).notNull(),
          Column.of("deleted_at", ColumnType.of(Kind.TIMESTAMP_TZ)));

  /** The users table as metadata reports it: the computed column is one more column. */
  static Table reported(Index... indexes) {
    List<Column> columns = new java.util.ArrayList<>(COLUMNS);
    columns.add(Column.of("email__lower", ColumnType.string(320)));
    return Table.named("users").withColumns(columns).withIndexes(List.of(indexes));
  }

  @Test
  void aFilteredIndexOverTheLowerColumnIsTheModelsIgnoreCaseLiveRowsIndex() {
    Table table =
        SqlServerReflection.apply(
            reported(
                new Index("ux_users_email_lower_live", List.of("email__lower"), true),
                new Index("ix_users_created", List.of("email"), false)),
            Map.of("email__lower", "(lower([email]))"),
            Map.of("ux_users_email_lower_live", "([deleted_at] IS NULL)"));
    assertThat(table.columns())
        .extracting(Column::name)
        .containsExactly("id", "email", "deleted_at");
    assertThat(table.indexes())
        .containsExactly(
            new Index("ux_users_email_lower_live", List.of("email"), true, true)
                .whereNull("deleted_at"),
            new Index("ix_users_created", List.of("email"), false));
  }

  @Test
  void aFilteredIndexOverAPlainColumnIsLiveRowsOnly() {
    Table table =
        SqlServerReflection.apply(
            reported(new Index("UX_USERS_EMAIL_LIVE", List.of("email"), true)),
            Map.of(),
            Map.of("ux_users_email_live", "([deleted_at] IS NULL)"));
    assertThat(table.indexes())
        .containsExactly(
            new Index("UX_USERS_EMAIL_LIVE", List.of("email"), true).whereNull("deleted_at"));
    // Without a matching definition the computed-looking column is an ordinary column.
    assertThat(table.columns()).extracting(Column::name).contains("email__lower");
  }

  @Test
  void otherFiltersAndComputedColumnsStayDifferences() {
    Table table =
        SqlServerReflection.apply(
            reported(
                new Index("ix_recent", List.of("email"), false),
                new Index("ix_upper", List.of("email__lower"), false)),
            // A column of the user's own: named like ours, but not lower() of its source.
            Map.of("email__lower", "(upper([email]))"),
            Map.of("ix_recent", "([deleted_at]>'2020-01-01')"));
    assertThat(table.columns()).extracting(Column::name).contains("email__lower");
    assertThat(table.indexes())
        .containsExactly(
            new Index("ix_recent", List.of("email WHERE ([deleted_at]>'2020-01-01')"), false),
            new Index("ix_upper", List.of("email__lower"), false));
    // lower() of another column than the name says is not ours either.
    Table crossed =
        SqlServerReflection.apply(
            reported(new Index("ix_x", List.of("email__lower"), false)),
            Map.of("email__lower", "(lower([deleted_at]))"),
            Map.of());
    assertThat(crossed.indexes())
        .containsExactly(new Index("ix_x", List.of("email__lower"), false));
  }

  @Test
  void bracketedNamesWithQuotesReadBack() {
    Table table =
        SqlServerReflection.apply(
            Table.named("t")
                .withColumns(
                    List.of(
                        Column.of("É]mail", ColumnType.string(50)),
                        Column.of("gone at", ColumnType.of(Kind.TIMESTAMP)),
                        Column.of("É]mail__lower", ColumnType.string(50))))
                .withIndexes(List.of(new Index("ux", List.of("É]mail__lower"), true))),
            Map.of("É]mail__lower", "(lower([É]]mail]))"),
            Map.of("ux", "([gone at] IS NULL)"));
    assertThat(table.indexes())
        .containsExactly(new Index("ux", List.of("É]mail"), true, true).whereNull("gone at"));
  }
}
