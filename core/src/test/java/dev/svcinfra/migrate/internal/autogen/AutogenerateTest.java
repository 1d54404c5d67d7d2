package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.NewRevision;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.RunOptions;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.internal.runtime.TestDatabases;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Models to revision, revision to database, database back to "no differences". */
class AutogenerateTest {

  static Table users(int nameLength, boolean withAge) {
    List<Column> cols =
        new ArrayList<>(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("email", ColumnType.string(320)).notNull(),
                Column.of("name", ColumnType.string(nameLength)),
                Column.of("active", ColumnType.of(Kind.BOOLEAN)).notNull().withDefault("TRUE")));
    if (withAge) {
      cols.add(Column.of("age", ColumnType.of(Kind.INTEGER)));
    }
    return Table.named("users")
        .withColumns(cols)
        .withPrimaryKey(List.of("id"))
        .withUniqueConstraints(List.of(new UniqueConstraint("uq_users_email", List.of("email"))));
  }

  static Table notes(String bodyName) {
    Column body = Column.of(bodyName, ColumnType.of(Kind.TEXT));
    if (!bodyName.equals("body")) {
      body = body.withPreviousNames(List.of("body"));
    }
    return Table.named("notes")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("user_id", ColumnType.of(Kind.BIGINT)).notNull(),
                body))
        .withPrimaryKey(List.of("id"))
        .withForeignKeys(List.of(ForeignKey.of("fk_notes_user_id", "user_id", "users", "id")))
        .withIndexes(List.of(new Index("ix_notes_user_id", List.of("user_id"), false)));
  }

  static Migrations migrations(Database db, Path dir, List<Table> models, boolean skipDrops) {
    return Migrations.builder()
        .database(db)
        .scriptLocation(dir)
        .models(models)
        .settings(
            Migrations.builder().scriptLocation(dir).build().settings().withSkipDrops(skipDrops))
        .build();
  }

  static List<String> described(List<MigrationOp> ops) {
    return ops.stream().map(MigrationOp::describe).toList();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void autogenerateThenCheckIsCleanThenAChangeGivesExactlyItsOperations(TestDatabases kind)
      throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(kind.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(notes("body"), users(100, false)), false);
      assertThat(described(v1.check().differences()))
          .containsExactly("add table users", "add table notes");
      NewRevision first =
          v1.revision("create users and notes", RevisionRequest.empty().withAutogenerate(true));
      String text = Files.readString(first.file().orElseThrow());
      assertThat(text)
          .contains("-- +upgrade " + db.dialect().name())
          .contains("CREATE TABLE")
          .contains("-- +downgrade " + db.dialect().name());
      assertThat(first.findings()).isEmpty();
      v1.upgrade();
      assertThat(v1.check().clean()).as(described(v1.check().differences()).toString()).isTrue();

      Migrations v2 = migrations(db, dir, List.of(notes("content"), users(200, true)), false);
      List<String> expected =
          new ArrayList<>(
              List.of("rename column notes.body to content", "add column users.age INTEGER"));
      // DuckDB keeps no VARCHAR length, so a length change is no change there.
      if (!db.dialect().sameColumnType(ColumnType.string(200), ColumnType.string(100))) {
        expected.add("alter column users.name: type STRING(100) -> STRING(200)");
      }
      assertThat(described(v2.check().differences())).containsExactlyElementsOf(expected);
      if (kind == TestDatabases.SQLITE) {
        // SQLite's ALTER cannot change a type: the revision rebuilds users (issue 22).
        assertThat(
                v2.revision("preview", RevisionRequest.empty().withAutogenerate(true))
                    .file()
                    .map(AutogenerateTest::readAndDelete)
                    .orElseThrow())
            .contains("CREATE TABLE \"_new_users\"")
            .contains("ALTER TABLE \"_new_users\" RENAME TO \"users\"");
      }
      NewRevision second =
          v2.revision(
              "grow name, add age, rename body", RevisionRequest.empty().withAutogenerate(true));
      if (kind == TestDatabases.DUCKDB) {
        // DuckDB refuses to alter a table an index depends on; the step rolls back whole.
        assertThatThrownBy(() -> v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true)))
            .hasMessageContaining("depend")
            .hasMessageContaining("rolled back");
        assertThat(v2.current().current()).containsExactly(first.id());
        return;
      }
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(v2.check().clean()).as(described(v2.check().differences()).toString()).isTrue();
      // The generated downgrade restores the first schema exactly.
      v2.downgrade(1);
      Files.delete(second.file().orElseThrow());
      assertThat(described(v1.check().differences())).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void skipDropsLeavesDropsOutAndSaysSo(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(kind.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(notes("body"), users(100, false)), false);
      v1.revision("create", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      Migrations v2 = migrations(db, dir, List.of(users(100, false)), true);
      assertThat(described(v2.check().differences())).containsExactly("remove table notes");
      NewRevision rev = v2.revision("drop notes", RevisionRequest.empty().withAutogenerate(true));
      String text = Files.readString(rev.file().orElseThrow());
      assertThat(text)
          .contains("ALEMBIC_SKIP_DROPS=true left out 1 drop operation(s)")
          .contains("remove table notes")
          .doesNotContain("DROP TABLE");
      Migrations v3 = migrations(db, dir, List.of(users(100, false)), false);
      v3.upgrade();
      NewRevision withDrop =
          v3.revision("really drop notes", RevisionRequest.empty().withAutogenerate(true));
      assertThat(withDrop.findings())
          .singleElement()
          .satisfies(f -> assertThat(f.rule().code()).isEqualTo("drop_table"));
      assertThatThrownBy(v3::upgrade).hasMessageContaining("[drop_table]");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"POSTGRESQL", "SQLITE"})
  void autogenerateRefusesUnlessTheDatabaseIsAtHead(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir, "000000000001", "", "CREATE TABLE t (id INTEGER PRIMARY KEY);", "DROP TABLE t;");
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, List.of(users(100, false)), false);
      assertThatThrownBy(() -> m.revision("x", RevisionRequest.empty().withAutogenerate(true)))
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("run 'svc-infra sql upgrade'")
          .extracting(e -> ((MigrationException) e).code())
          .isEqualTo(ErrorCode.DATABASE_NOT_AT_HEAD);
      try (var files = Files.list(dir.resolve("versions"))) {
        assertThat(files.count()).isEqualTo(1);
      }
    }
  }

  private static String readAndDelete(Path file) {
    try {
      String text = Files.readString(file);
      Files.delete(file);
      return text;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
