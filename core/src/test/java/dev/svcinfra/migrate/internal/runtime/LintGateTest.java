package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.LintException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lint gate with models: renaming a column the models still map is refused. */
class LintGateTest {

  @Test
  void renamingAColumnTheModelsStillMapIsRefused() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);",
        "DROP TABLE users;");
    Scripts.write(
        dir,
        "000000000002",
        "000000000001",
        "ALTER TABLE users RENAME COLUMN email TO mail;",
        "ALTER TABLE users RENAME COLUMN mail TO email;");
    Table stillOld =
        Table.named("users")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)).notNull(),
                    Column.of("email", ColumnType.of(ColumnType.Kind.TEXT))))
            .withPrimaryKey(List.of("id"));
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations m =
          Migrations.builder().database(db).scriptLocation(dir).models(List.of(stillOld)).build();
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(LintException.class)
          .hasMessageContaining("[rename_mapped_column]")
          .satisfies(
              e ->
                  assertThat(((LintException) e).findings())
                      .singleElement()
                      .satisfies(f -> assertThat(f.revision()).isEqualTo("000000000002")));
      assertThat(m.current().current()).isEmpty();

      Table renamed =
          stillOld.withColumns(
              List.of(
                  stillOld.columns().get(0),
                  Column.of("mail", ColumnType.of(ColumnType.Kind.TEXT))));
      Migrations updated =
          Migrations.builder().database(db).scriptLocation(dir).models(List.of(renamed)).build();
      assertThat(updated.upgrade()).hasSize(2);
    }
  }
}
