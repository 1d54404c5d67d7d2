package dev.svcinfra.migrate.internal.autogen;

import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.differences;
import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.migrations;
import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.rows;
import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.RunOptions;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.internal.runtime.TestDatabases;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.RebuiltTable;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.ReferentialAction;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What SQLite's table rebuilds (issue 22) do beyond the change table of {@link
 * TableRebuildRoundTripTest}: the guard against a run with foreign keys enforced, defaults filling
 * NULLs, odd names, renames.
 */
class SqliteTableRebuildTest {
  static final Table USERS_V1 = TableRebuildRoundTripTest.USERS_V1;

  static Table orders(boolean foreignKey) {
    return TableRebuildRoundTripTest.orders(foreignKey, ReferentialAction.CASCADE);
  }

  static Table users(int emailLength, boolean nicknameRequired, String status, boolean legacy) {
    return TableRebuildRoundTripTest.users(emailLength, 18, nicknameRequired, status, legacy);
  }

  /**
   * A new NOT NULL column without a default cannot be filled: refused when the revision is made.
   */
  @Test
  void aNewRequiredColumnWithoutDefaultIsRefusedInARebuild() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(USERS_V1, orders(true)));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      Table users = users(200, false, "'new'", true);
      List<Column> columns = new ArrayList<>(users.columns());
      columns.add(Column.of("plan", ColumnType.string(20)).notNull());
      Migrations v2 = migrations(db, dir, List.of(users.withColumns(columns), orders(true)));
      assertThatThrownBy(() -> v2.revision("v2", RevisionRequest.empty().withAutogenerate(true)))
          .hasMessageContaining("new NOT NULL column plan")
          .hasMessageContaining("give the column a default");
    }
  }

  /** A column becoming NOT NULL takes its default where a row holds NULL. */
  @Test
  void aColumnBecomingRequiredTakesItsDefaultForNulls() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(USERS_V1, orders(true)));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(db, "INSERT INTO users (id, email, nickname) VALUES (1, 'a@x', NULL), (2, 'b@x', 'B')");
      Table users = users(100, true, "'new'", true);
      List<Column> columns =
          users.columns().stream()
              .map(c -> c.name().equals("nickname") ? c.withDefault("'anonymous'") : c)
              .toList();
      Migrations v2 = migrations(db, dir, List.of(users.withColumns(columns), orders(true)));
      v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      // No column lost, no type changed: lint lets the rebuild's DROP TABLE through.
      v2.upgrade();
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, "SELECT id, nickname FROM users ORDER BY id"))
          .containsExactly("1|anonymous", "2|B");
    }
  }

  /**
   * Run where foreign keys are enforced (an offline script in a shell that turned them on), the
   * rebuild refuses before it changes anything: the drop would fire the children's ON DELETE.
   */
  @Test
  void aRebuildRefusesToRunWithForeignKeysEnforced() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(USERS_V1, orders(true)));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "INSERT INTO users (id, email) VALUES (1, 'ann@x')",
          "INSERT INTO orders (id, user_id) VALUES (1, 1)");
      List<String> rebuild =
          Dialects.SQLITE.rebuildTableStatements(
              List.of(new RebuiltTable(USERS_V1, users(200, false, "'new'", true))));
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        assertThat(rows(db, "PRAGMA foreign_keys")).containsExactly("1");
        c.setAutoCommit(false);
        assertThatThrownBy(
                () -> {
                  for (String sql : rebuild) {
                    st.execute(sql);
                  }
                })
            .hasMessageContaining("a table rebuild needs PRAGMA foreign_keys = OFF");
        c.rollback();
        c.setAutoCommit(true);
      }
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, "SELECT id, user_id FROM orders")).containsExactly("1|1");
    }
  }

  /**
   * A table with a quoted, accented, mixed-case name that references itself: the rebuild keeps its
   * rows and its key to itself. An added nullable column is an ALTER up and a rebuild down.
   */
  @Test
  void aSelfReferencingTableWithAnOddNameRebuildsBack() throws Exception {
    Path dir = Scripts.newLocation();
    ForeignKey parent = ForeignKey.of("fk_Émploi_parent", "Parent ID", "Émploi Ünits", "id");
    Table v1 =
        Table.named("Émploi Ünits")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                    Column.of("Parent ID", ColumnType.of(Kind.BIGINT)),
                    Column.of("Naïve \"Name\"", ColumnType.string(40))))
            .withPrimaryKey(List.of("id"))
            .withForeignKeys(List.of(parent));
    List<Column> more = new ArrayList<>(v1.columns());
    more.add(Column.of("extra", ColumnType.string(10)));
    Table v2 = v1.withColumns(more);
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations first = migrations(db, dir, List.of(v1));
      first.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      first.upgrade();
      run(
          db,
          "INSERT INTO \"Émploi Ünits\" (id, \"Parent ID\", \"Naïve \"\"Name\"\"\") VALUES"
              + " (1, NULL, 'ｗｉｄｅ'), (2, 1, '😀'), (3, 2, 'x')");
      String select = "SELECT * FROM \"Émploi Ünits\" ORDER BY id";
      List<String> rows = rows(db, select);
      Migrations second = migrations(db, dir, List.of(v2));
      var rev = second.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      String text = Files.readString(rev.file().orElseThrow());
      assertThat(text.substring(0, text.indexOf("-- +downgrade"))).doesNotContain("_new_");
      assertThat(text.substring(text.indexOf("-- +downgrade")))
          .contains("CREATE TABLE \"_new_Émploi Ünits\"");
      second.upgrade();
      assertThat(differences(second)).isEmpty();
      second.downgrade(1);
      Files.delete(rev.file().orElseThrow());
      assertThat(differences(first)).isEmpty();
      assertThat(rows(db, select)).isEqualTo(rows);
      assertThat(rows(db, "PRAGMA foreign_key_check")).isEmpty();
      assertThatThrownBy(
              () -> run(db, "INSERT INTO \"Émploi Ünits\" (id, \"Parent ID\") VALUES (9, 99)"))
          .hasMessageContaining("FOREIGN KEY");
    }
  }

  /** A column renamed and retyped in one revision: renamed in place, then the table rebuilt. */
  @Test
  void aRenamedAndRetypedColumnRebuildsUpAndBack() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(USERS_V1, orders(true)));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(db, "INSERT INTO users (id, email, nickname) VALUES (1, 'a@x', 'A'), (2, 'b@x', NULL)");
      List<Column> columns =
          USERS_V1.columns().stream()
              .map(
                  c ->
                      c.name().equals("nickname")
                          ? Column.of("handle", ColumnType.string(80))
                              .withPreviousNames(List.of("nickname"))
                          : c)
              .toList();
      Migrations v2 = migrations(db, dir, List.of(USERS_V1.withColumns(columns), orders(true)));
      assertThat(differences(v2))
          .contains("rename column users.nickname to handle")
          .anyMatch(d -> d.startsWith("alter column users.handle: type"));
      var rev = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, "SELECT id, handle FROM users ORDER BY id"))
          .containsExactly("1|A", "2|null");
      v2.downgrade(1);
      Files.delete(rev.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, "SELECT id, nickname FROM users ORDER BY id"))
          .containsExactly("1|A", "2|null");
    }
  }
}
