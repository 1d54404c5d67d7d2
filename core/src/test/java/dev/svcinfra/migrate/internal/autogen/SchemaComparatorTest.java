package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Comparison without a database: renames, drops, order, defaults. */
class SchemaComparatorTest {
  static final Column ID = Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity();

  static Table table(String name, Column... columns) {
    List<Column> cols = new ArrayList<>(List.of(ID));
    cols.addAll(List.of(columns));
    return Table.named(name).withColumns(cols).withPrimaryKey(List.of("id"));
  }

  static List<String> compare(List<Table> models, List<Table> live) {
    return new SchemaComparator(Dialects.POSTGRESQL)
        .compare(models, live).stream().map(MigrationOp::describe).toList();
  }

  @Test
  void aTableNamingItsPreviousNameIsRenamedNotDroppedAndCreated() {
    Table people = table("people").withPreviousNames(List.of("persons"));
    assertThat(compare(List.of(people), List.of(table("persons"))))
        .containsExactly("rename table persons to people");
  }

  @Test
  void newTablesComeAfterTheTablesTheyReference() {
    Table notes =
        table("a_notes", Column.of("user_id", ColumnType.of(Kind.BIGINT)))
            .withForeignKeys(List.of(ForeignKey.of("fk", "user_id", "z_users", "id")));
    assertThat(compare(List.of(notes, table("z_users")), List.of()))
        .containsExactly("add table z_users", "add table a_notes");
  }

  @Test
  void dropsComeAfterAddsAndRemovedTablesAreDropped() {
    Table live = table("users", Column.of("old", ColumnType.string(10)));
    Table model = table("users", Column.of("new", ColumnType.string(10)));
    assertThat(compare(List.of(model), List.of(live, table("gone"))))
        .containsExactly(
            "add column users.new STRING(10)", "remove column users.old", "remove table gone");
  }

  @Test
  void defaultsAreComparedAfterUndoingDatabaseSpellings() {
    assertThat(DefaultValues.same(Optional.of("'open'"), Optional.of("'open'::character varying")))
        .isTrue();
    assertThat(DefaultValues.same(Optional.of("TRUE"), Optional.of("1"))).isTrue();
    assertThat(
            DefaultValues.same(
                Optional.of("CURRENT_TIMESTAMP"), Optional.of("current_timestamp(6)")))
        .isTrue();
    assertThat(DefaultValues.same(Optional.of("0"), Optional.of("(0)"))).isTrue();
    assertThat(DefaultValues.same(Optional.of("'a'"), Optional.of("'b'"))).isFalse();
    assertThat(DefaultValues.same(Optional.of("0"), Optional.empty())).isFalse();
  }

  @Test
  void identicalSchemasGiveNoOperations() {
    Table t = table("users", Column.of("name", ColumnType.string(50)).notNull());
    assertThat(compare(List.of(t), List.of(t))).isEmpty();
  }
}
