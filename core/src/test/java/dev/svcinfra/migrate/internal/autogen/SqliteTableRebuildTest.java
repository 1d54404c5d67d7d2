package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.RunOptions;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.internal.runtime.TestDatabases;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.ReferentialAction;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQLite table rebuilds (issue 22): for each change SQLite's ALTER cannot make, autogenerate writes
 * a rebuild, the upgrade keeps every row, the children's foreign keys (with {@code ON DELETE
 * CASCADE}, which a drop under enforcement would fire) and the indexes, {@code check} is clean, and
 * the downgrade rebuilds back to the first schema with the rows again.
 */
class SqliteTableRebuildTest {
  static final ForeignKey ORDERS_USER =
      new ForeignKey(
          "fk_orders_user",
          List.of("user_id"),
          Optional.empty(),
          "users",
          List.of("id"),
          ReferentialAction.CASCADE,
          ReferentialAction.NO_ACTION);

  static final Index STATUS = new Index("ix_users_status", List.of("status"), false);

  static Table users(int emailLength, boolean nicknameRequired, String status, boolean legacy) {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity());
    columns.add(Column.of("email", ColumnType.string(emailLength)).notNull());
    columns.add(Column.of("nickname", ColumnType.string(50)).withNullable(!nicknameRequired));
    columns.add(Column.of("status", ColumnType.string(20)).notNull().withDefault(status));
    if (legacy) {
      columns.add(Column.of("legacy", ColumnType.string(20)));
    }
    return Table.named("users")
        .withColumns(columns)
        .withPrimaryKey(List.of("id"))
        .withIndexes(List.of(STATUS));
  }

  static Table orders(boolean foreignKey) {
    return Table.named("orders")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("user_id", ColumnType.of(Kind.BIGINT)).notNull(),
                Column.of("note", ColumnType.string(100))))
        .withPrimaryKey(List.of("id"))
        .withForeignKeys(foreignKey ? List.of(ORDERS_USER) : List.of());
  }

  static final Table USERS_V1 = users(100, false, "'new'", true);

  /** One change SQLite's ALTER cannot make, as the models before and after it. */
  enum Change {
    TYPE(List.of(USERS_V1, orders(true)), List.of(users(200, false, "'new'", true), orders(true))),
    NULLABILITY(
        List.of(USERS_V1, orders(true)), List.of(users(100, true, "'new'", true), orders(true))),
    DEFAULT(
        List.of(USERS_V1, orders(true)),
        List.of(users(100, false, "'active'", true), orders(true))),
    FOREIGN_KEY_ADDED(List.of(USERS_V1, orders(false)), List.of(USERS_V1, orders(true))),
    FOREIGN_KEY_REMOVED(List.of(USERS_V1, orders(true)), List.of(USERS_V1, orders(false))),
    COLUMN_DROPPED(
        List.of(USERS_V1, orders(true)), List.of(users(100, false, "'new'", false), orders(true))),
    /** All of them in one revision, on both tables: each table rebuilt once, up and back. */
    ALL_AT_ONCE(
        List.of(USERS_V1, orders(true)),
        List.of(users(200, true, "'active'", false).withIndexes(List.of()), orders(false)));

    final List<Table> before;
    final List<Table> after;

    Change(List<Table> before, List<Table> after) {
      this.before = before;
      this.after = after;
    }
  }

  static Migrations migrations(Database db, Path dir, List<Table> models) {
    return Migrations.builder().database(db).scriptLocation(dir).models(models).build();
  }

  static List<String> differences(Migrations m) {
    return m.check().differences().stream().map(MigrationOp::describe).toList();
  }

  @ParameterizedTest
  @EnumSource(Change.class)
  void eachChangeRebuildsUpAndBackKeepingRowsAndKeys(Change change) throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations v1 = migrations(db, dir, change.before);
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      assertThat(differences(v1)).isEmpty();
      run(
          db,
          "INSERT INTO users (id, email, nickname, status, legacy) VALUES"
              + " (1, 'ann@x', 'Ann', 'new', 'l1'), (2, 'Bjørk@x', 'Bjørk', 'gone', NULL),"
              + " (7, 'émile@x', 'Émile', 'new', 'l7')",
          "INSERT INTO orders (id, user_id, note) VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 2, 'c')");
      List<String> users = rows(db, "SELECT id, email, nickname, status FROM users ORDER BY id");
      List<String> orders = rows(db, "SELECT id, user_id, note FROM orders ORDER BY id");

      Migrations v2 = migrations(db, dir, change.after);
      assertThat(differences(v2)).isNotEmpty();
      var second = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      String text = Files.readString(second.file().orElseThrow());
      assertThat(text).contains("RENAME TO").doesNotContain("rebuild the table by hand");
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, "SELECT id, email, nickname, status FROM users ORDER BY id"))
          .isEqualTo(users);
      assertThat(rows(db, "SELECT id, user_id, note FROM orders ORDER BY id")).isEqualTo(orders);
      assertThat(rows(db, "PRAGMA foreign_key_check")).isEmpty();
      assertThat(rows(db, "PRAGMA foreign_keys")).containsExactly("1");
      assertKeysWork(db, hasKey(change.after));

      v2.downgrade(1);
      Files.delete(second.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, "SELECT id, email, nickname, status FROM users ORDER BY id"))
          .isEqualTo(users);
      assertThat(rows(db, "SELECT id, user_id, note FROM orders ORDER BY id")).isEqualTo(orders);
      assertThat(rows(db, "PRAGMA foreign_key_check")).isEmpty();
      assertKeysWork(db, hasKey(change.before));
    }
  }

  /** A rebuild adding a key that rows break fails whole: the first schema and rows stay. */
  @Test
  void aRebuildBreakingAForeignKeyChangesNothing() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(USERS_V1, orders(false)));
      var first = v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "INSERT INTO users (id, email) VALUES (1, 'ann@x')",
          "INSERT INTO orders (id, user_id, note) VALUES (1, 1, 'ok'), (2, 999, 'orphan')");
      Migrations v2 = migrations(db, dir, List.of(USERS_V1, orders(true)));
      var second = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      assertThatThrownBy(() -> v2.upgrade())
          .hasStackTraceContaining("leaves foreign keys broken")
          .hasStackTraceContaining("orders row 2 references a missing row of users");
      assertThat(v2.current().current()).containsExactly(first.id());
      Files.delete(second.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, "SELECT id, user_id, note FROM orders ORDER BY id"))
          .containsExactly("1|1|ok", "2|999|orphan");
      assertThat(rows(db, "PRAGMA foreign_keys")).containsExactly("1");
    }
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
          Dialects.SQLITE.rebuildTableStatements(USERS_V1, users(200, false, "'new'", true));
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

  private static boolean hasKey(List<Table> models) {
    return models.stream().anyMatch(t -> !t.foreignKeys().isEmpty());
  }

  /** Orders reference users where the model says so, and deleting a user cascades. */
  private static void assertKeysWork(Database db, boolean enforced) throws SQLException {
    if (enforced) {
      assertThatThrownBy(() -> run(db, "INSERT INTO orders (user_id) VALUES (999)"))
          .hasMessageContaining("FOREIGN KEY");
    } else {
      run(
          db,
          "INSERT INTO orders (id, user_id) VALUES (99, 999)",
          "DELETE FROM orders WHERE id = 99");
    }
  }

  private static void run(Database db, String... sql) throws SQLException {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private static List<String> rows(Database db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(String.valueOf(rs.getString(i)));
        }
        out.add(String.join("|", row));
      }
    }
    return out;
  }
}
