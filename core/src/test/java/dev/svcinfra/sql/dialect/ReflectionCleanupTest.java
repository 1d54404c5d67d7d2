package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts of reflection clean-up that need no database: which rewritten defaults a dialect
 * accepts as the model's, and which reflected indexes it leaves out. The parts that read the
 * database are exercised by {@code AutogenerateRoundTripTest} and, for PostgreSQL, whose clean-up
 * reads the catalog, {@code IndexReflectionPostgresTest}.
 */
class ReflectionCleanupTest {
  static final ColumnType MONEY = ColumnType.decimal(19, 2);

  @Test
  void mysqlAndMariadbCompareDecimalDefaultsByValue() {
    for (Dialect d : List.of(Dialects.MYSQL, Dialects.MARIADB)) {
      assertThat(d.sameDefault(MONEY, "0", "0.00")).isTrue();
      assertThat(d.sameDefault(MONEY, "1.5", "1.50")).isTrue();
      assertThat(d.sameDefault(MONEY, "-2.5", "-2.50")).isTrue();
      assertThat(d.sameDefault(MONEY, "0", "5.00")).isFalse();
      assertThat(d.sameDefault(MONEY, "now()", "0.00")).isFalse();
      // Only DECIMAL defaults are padded; elsewhere a different spelling is a different default.
      assertThat(d.sameDefault(ColumnType.string(10), "'0'", "'0.00'")).isFalse();
      assertThat(d.sameDefault(ColumnType.of(Kind.INTEGER), "0", "0.00")).isFalse();
    }
  }

  @Test
  void otherDatabasesKeepDefaultsAsTheyAreSpelled() {
    for (Dialect d : List.of(Dialects.POSTGRESQL, Dialects.SQLITE, Dialects.DUCKDB)) {
      assertThat(d.sameDefault(MONEY, "0", "0.00")).as(d.name()).isFalse();
    }
  }

  static Table notes(List<Index> indexes) {
    return Table.named("notes")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("user_id", ColumnType.of(Kind.BIGINT)).notNull()))
        .withPrimaryKey(List.of("id"))
        .withForeignKeys(List.of(ForeignKey.of("fk_notes_user_id", "user_id", "users", "id")))
        .withIndexes(indexes);
  }

  @Test
  void mysqlLeavesOutTheIndexInnodbCreatedForAForeignKey() throws Exception {
    Index implicit = new Index("fk_notes_user_id", List.of("user_id"), false);
    Index declared = new Index("ix_notes_user_id", List.of("user_id"), false);
    for (Dialect d : List.of(Dialects.MYSQL, Dialects.MARIADB)) {
      assertThat(d.cleanReflectedTable(null, null, notes(List.of(implicit, declared))).indexes())
          .containsExactly(declared);
    }
    // PostgreSQL keeps such an index: IndexReflectionPostgresTest (its clean-up reads the catalog).
  }

  @Test
  void mysqlKeepsAnIndexNamedLikeAForeignKeyOnOtherColumns() throws Exception {
    Index other = new Index("fk_notes_user_id", List.of("id", "user_id"), false);
    assertThat(Dialects.MARIADB.cleanReflectedTable(null, null, notes(List.of(other))).indexes())
        .containsExactly(other);
  }

  @Test
  void lowerOfAColumnIsReadInEachDatabasesSpelling() {
    assertThat(ExpressionIndexes.lowerColumn("lower((email)::text)")).contains("email");
    assertThat(ExpressionIndexes.lowerColumn("lower((\"E-mail\")::character varying)"))
        .contains("E-mail");
    assertThat(ExpressionIndexes.lowerColumn("lower(name)")).contains("name");
    assertThat(ExpressionIndexes.lowerColumn("lower(`email`)")).contains("email");
    assertThat(ExpressionIndexes.lowerColumn("(LOWER( \"email\" ))")).contains("email");
    assertThat(ExpressionIndexes.lowerColumn("upper(email)")).isEmpty();
    assertThat(ExpressionIndexes.lowerColumn("lower(email || name)")).isEmpty();
    assertThat(ExpressionIndexes.lowerColumn("email")).isEmpty();
  }

  @Test
  void anIndexIsIgnoreCaseOnlyWhenEveryKeyPartIsLowerOfAColumn() {
    assertThat(ExpressionIndexes.fromKeys("ux", true, List.of("lower(\"email\")")))
        .isEqualTo(new Index("ux", List.of("email"), true, true));
    assertThat(ExpressionIndexes.fromKeys("ix", false, List.of("lower(a) DESC", "lower(b)")))
        .isEqualTo(new Index("ix", List.of("a", "b"), false, true));
    assertThat(ExpressionIndexes.fromKeys("ix", false, List.of("\"a\"", "b")))
        .isEqualTo(new Index("ix", List.of("a", "b"), false, false));
    // Mixed or other expressions stay as reported, so they are differences, not columns.
    assertThat(ExpressionIndexes.fromKeys("ix", false, List.of("lower(a)", "b")))
        .isEqualTo(new Index("ix", List.of("lower(a)", "b"), false, false));
    assertThat(ExpressionIndexes.fromKeys("ix", false, List.of("substr(a, 1, 2)")).columns())
        .containsExactly("substr(a, 1, 2)");
  }

  @Test
  void theKeyListOfACreateIndexStatementIsSplitAtItsOwnCommas() {
    assertThat(
            ExpressionIndexes.keyParts(
                "CREATE UNIQUE INDEX \"ux\" ON \"users\" "
                    + "(lower(\"email\"), substr(\"a,b\", 1, 2) DESC) WHERE deleted_at IS NULL"))
        .containsExactly("lower(\"email\")", "substr(\"a,b\", 1, 2) DESC");
    assertThat(ExpressionIndexes.keyParts("create index ix on main.t(lower(x))"))
        .containsExactly("lower(x)");
  }

  @Test
  void sqliteReadsOnlyItsUnicodeFoldAsIgnoreCase() {
    assertThat(
            ExpressionIndexes.fromKeys(
                "ux", true, List.of("svcinfra_lower(\"email\")"), "svcinfra_lower"))
        .isEqualTo(new Index("ux", List.of("email"), true, true));
    // lower() folds ASCII only in SQLite: such an index stays an expression, so check reports it.
    assertThat(
            ExpressionIndexes.fromKeys("ux", true, List.of("lower(\"email\")"), "svcinfra_lower"))
        .isEqualTo(new Index("ux", List.of("lower(\"email\")"), true, false));
  }

  @Test
  void anIgnoreCaseIndexAndAPlainOneDifferEverywhere() {
    // MariaDB's plain index on a _ci column no longer passes for an ignore-case one (issue 16):
    // its columns are binary now, and such an index also ignored accents and trailing spaces.
    Index ignoring = new Index("ux", List.of("email"), true, true);
    Index plain = new Index("ux", List.of("email"), true, false);
    for (Dialect d :
        List.of(Dialects.POSTGRESQL, Dialects.SQLITE, Dialects.MYSQL, Dialects.MARIADB)) {
      assertThat(d.sameIndexCase(plain, ignoring)).as(d.name()).isFalse();
      assertThat(d.sameIndexCase(ignoring, plain)).as(d.name()).isFalse();
      assertThat(d.sameIndexCase(ignoring, ignoring)).as(d.name()).isTrue();
    }
  }
}
