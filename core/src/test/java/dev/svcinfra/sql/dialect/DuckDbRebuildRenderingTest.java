package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.dialect.internal.RebuiltTable;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SQL of DuckDB's table rebuild and what it decides to make in place, where the order and text
 * matter: children dropped before and created after the tables they reference, sequences kept, and
 * DuckDB's ALTER used only where it works (issue 22).
 */
class DuckDbRebuildRenderingTest {
  static final Index STATUS = new Index("ix_users_status", List.of("status"), false);

  static Table users(boolean nicknameRequired) {
    return Table.named("users")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("nickname", ColumnType.string(50)).withNullable(!nicknameRequired),
                Column.of("status", ColumnType.string(20)).notNull().withDefault("'new'")))
        .withPrimaryKey(List.of("id"))
        .withIndexes(List.of(STATUS));
  }

  static final Table ORDERS =
      Table.named("orders")
          .withColumns(
              List.of(
                  Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                  Column.of("user_id", ColumnType.of(Kind.BIGINT)).notNull()))
          .withPrimaryKey(List.of("id"))
          .withForeignKeys(List.of(ForeignKey.of("fk_orders_user", "user_id", "users", "id")));

  @Test
  void aReferencedTableIsRebuiltWithItsChildrenInReferenceOrder() {
    // The child first in the list: the order of the statements comes from the keys.
    List<String> sql =
        Dialects.DUCKDB.rebuildTableStatements(
            List.of(new RebuiltTable(ORDERS, ORDERS), new RebuiltTable(users(false), users(true))));
    assertThat(sql)
        .containsExactly(
            "CREATE TEMP TABLE temp.\"_old_orders\" AS SELECT * FROM \"orders\"",
            "CREATE TEMP TABLE temp.\"_old_users\" AS SELECT * FROM \"users\"",
            "-- lint:allow drop_table (table rebuild: the rows are in temp._old_orders)\n"
                + "DROP TABLE \"orders\"",
            "-- lint:allow drop_table (table rebuild: the rows are in temp._old_users)\n"
                + "DROP TABLE \"users\"",
            """
            CREATE TABLE "users" (
              "id" BIGINT DEFAULT nextval('seq_users_id') NOT NULL,
              "nickname" VARCHAR(50) NOT NULL,
              "status" VARCHAR(20) DEFAULT 'new' NOT NULL,
              CONSTRAINT "pk_users" PRIMARY KEY ("id")
            )""",
            """
            CREATE TABLE "orders" (
              "id" BIGINT DEFAULT nextval('seq_orders_id') NOT NULL,
              "user_id" BIGINT NOT NULL,
              CONSTRAINT "pk_orders" PRIMARY KEY ("id"),
              CONSTRAINT "fk_orders_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
            )""",
            "INSERT INTO \"users\" (\"id\", \"nickname\", \"status\") SELECT \"id\", \"nickname\","
                + " \"status\" FROM temp.\"_old_users\"",
            "INSERT INTO \"orders\" (\"id\", \"user_id\") SELECT \"id\", \"user_id\" FROM"
                + " temp.\"_old_orders\"",
            "-- lint:allow drop_table (the rebuild's copy of orders)\n"
                + "DROP TABLE temp.\"_old_orders\"",
            "-- lint:allow drop_table (the rebuild's copy of users)\nDROP TABLE temp.\"_old_users\"",
            "CREATE INDEX \"ix_users_status\" ON \"users\" (\"status\")");
  }

  @Test
  void aColumnBecomingAnIdentityGetsItsSequenceAndADroppedColumnIsFlagged() {
    Table plain =
        Table.named("tags")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(Kind.BIGINT)).notNull(),
                    Column.of("label", ColumnType.string(20))))
            .withPrimaryKey(List.of("id"));
    Table identity =
        plain.withColumns(List.of(Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity()));
    List<String> sql =
        Dialects.DUCKDB.rebuildTableStatements(List.of(new RebuiltTable(plain, identity)));
    assertThat(sql.get(2)).isEqualTo("CREATE SEQUENCE IF NOT EXISTS \"seq_tags_id\"");
    // The label is lost: lint must see the drop.
    assertThat(sql.get(1)).isEqualTo("DROP TABLE \"tags\"");
    assertThat(sql).filteredOn(s -> s.contains("SEQUENCE")).hasSize(1);
  }

  @Test
  void alterIsUsedOnlyWhereDuckDbMakesIt() {
    Table indexed = users(false);
    Column nickname = indexed.columns().get(1);
    Column status = indexed.columns().get(2);
    Table plain = indexed.withIndexes(List.of());
    // A default: in place, index or not.
    assertThat(
            Dialects.DUCKDB.alterColumnStatements(indexed, status, status.withDefault("'active'")))
        .containsExactly("ALTER TABLE \"users\" ALTER COLUMN \"status\" SET DEFAULT 'active'");
    // Nullability and type: in place only without an index.
    assertThat(Dialects.DUCKDB.alterColumnStatements(plain, nickname, nickname.notNull()))
        .containsExactly("ALTER TABLE \"users\" ALTER COLUMN \"nickname\" SET NOT NULL");
    assertThatThrownBy(
            () -> Dialects.DUCKDB.alterColumnStatements(indexed, nickname, nickname.notNull()))
        .isInstanceOf(UnsupportedDdlException.class)
        .hasMessageContaining("an index, unique constraint or key depends on it");
    assertThatThrownBy(() -> Dialects.DUCKDB.dropColumnStatements(indexed, "nickname"))
        .isInstanceOf(UnsupportedDdlException.class);
    assertThat(Dialects.DUCKDB.dropColumnStatements(plain, "nickname"))
        .containsExactly("ALTER TABLE \"users\" DROP COLUMN \"nickname\"");
    // A key column's type, or dropping it: never in place.
    Column userId = ORDERS.columns().get(1);
    assertThatThrownBy(
            () ->
                Dialects.DUCKDB.alterColumnStatements(
                    ORDERS, userId, Column.of("user_id", ColumnType.of(Kind.INTEGER)).notNull()))
        .isInstanceOf(UnsupportedDdlException.class);
    assertThatThrownBy(() -> Dialects.DUCKDB.dropColumnStatements(ORDERS, "user_id"))
        .isInstanceOf(UnsupportedDdlException.class);
    assertThat(Dialects.DUCKDB.alterColumnStatements(ORDERS, userId, userId.withNullable(true)))
        .containsExactly("ALTER TABLE \"orders\" ALTER COLUMN \"user_id\" DROP NOT NULL");
    // On a table others reference, only a new default.
    assertThat(
            Dialects.DUCKDB.altersReferencedTable(
                status, Optional.of(status.withDefault("'active'"))))
        .isTrue();
    assertThat(Dialects.DUCKDB.altersReferencedTable(nickname, Optional.of(nickname.notNull())))
        .isFalse();
    assertThat(Dialects.DUCKDB.altersReferencedTable(nickname, Optional.empty())).isFalse();
    assertThat(Dialects.SQLITE.altersReferencedTable(nickname, Optional.empty())).isTrue();
  }
}
