package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.ForeignKey;
import dev.svcinfra.sql.model.Index;
import dev.svcinfra.sql.model.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts of reflection clean-up that need no database: which rewritten defaults a dialect
 * accepts as the model's, and which reflected indexes it leaves out. The parts that read the
 * database are exercised by {@code AutogenerateRoundTripTest}.
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
    return Table.named("notes").withColumns(List.of(
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
    assertThat(Dialects.POSTGRESQL.cleanReflectedTable(null, null, notes(List.of(implicit)))
        .indexes()).containsExactly(implicit);
  }

  @Test
  void mysqlKeepsAnIndexNamedLikeAForeignKeyOnOtherColumns() throws Exception {
    Index other = new Index("fk_notes_user_id", List.of("id", "user_id"), false);
    assertThat(Dialects.MARIADB.cleanReflectedTable(null, null, notes(List.of(other))).indexes())
        .containsExactly(other);
  }
}
