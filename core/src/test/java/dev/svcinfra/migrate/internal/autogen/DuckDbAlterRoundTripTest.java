package dev.svcinfra.migrate.internal.autogen;

import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.rows;
import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.RunOptions;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.internal.runtime.TestDatabases;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The changes SQLite rebuilds tables for, on DuckDB (issue 22): its ALTER makes them in place, so
 * no rebuild is written; upgrade and downgrade keep the rows and {@code check} is clean both ways.
 * (DuckDB's driver reports no foreign keys, so key changes are not compared there.)
 */
class DuckDbAlterRoundTripTest {

  static Table users(Kind visits, boolean nicknameRequired, String status, boolean legacy) {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.of("id", ColumnType.of(Kind.BIGINT)).notNull());
    columns.add(Column.of("email", ColumnType.string(100)).notNull());
    columns.add(Column.of("nickname", ColumnType.string(50)).withNullable(!nicknameRequired));
    columns.add(Column.of("status", ColumnType.string(20)).notNull().withDefault(status));
    columns.add(Column.of("visits", ColumnType.of(visits)));
    if (legacy) {
      columns.add(Column.of("legacy", ColumnType.string(20)));
    }
    return Table.named("users").withColumns(columns).withPrimaryKey(List.of("id"));
  }

  static final Table V1 = users(Kind.INTEGER, false, "'new'", true);

  enum Change {
    TYPE(users(Kind.BIGINT, false, "'new'", true)),
    NULLABILITY(users(Kind.INTEGER, true, "'new'", true)),
    DEFAULT(users(Kind.INTEGER, false, "'active'", true)),
    COLUMN_DROPPED(users(Kind.INTEGER, false, "'new'", false));

    final Table after;

    Change(Table after) {
      this.after = after;
    }
  }

  static Migrations migrations(Database db, Path dir, Table users) {
    return Migrations.builder().database(db).scriptLocation(dir).models(List.of(users)).build();
  }

  static List<String> differences(Migrations m) {
    return m.check().differences().stream().map(MigrationOp::describe).toList();
  }

  @ParameterizedTest
  @EnumSource(Change.class)
  void eachChangeAltersInPlaceUpAndBack(Change change) throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, V1);
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "INSERT INTO users (id, email, nickname, status, visits, legacy) VALUES"
              + " (1, 'ann@x', 'Ann', 'new', 3, 'l1'), (2, 'Bjørk@x', 'Bjørk', 'gone', NULL, NULL)");
      String select = "SELECT id, email, nickname, status, visits FROM users ORDER BY id";
      List<String> rows = rows(db, select);

      Migrations v2 = migrations(db, dir, change.after);
      assertThat(differences(v2)).isNotEmpty();
      var second = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      assertThat(Files.readString(second.file().orElseThrow())).doesNotContain("_new_users");
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, select)).isEqualTo(rows);

      v2.downgrade(1);
      Files.delete(second.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, select)).isEqualTo(rows);
    }
  }
}
