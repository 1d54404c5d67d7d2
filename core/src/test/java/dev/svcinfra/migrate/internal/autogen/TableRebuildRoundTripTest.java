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
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.ReferentialAction;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table rebuilds on each database that makes them (issue 22): for each change a dialect's ALTER
 * cannot make, autogenerate writes a rebuild, the upgrade keeps every row, the children's foreign
 * keys and the indexes, {@code check} is clean, and the downgrade rebuilds back to the first schema
 * with the rows again. SQLite rebuilds for all of them; DuckDB makes a new default in place and
 * rebuilds the rest (the users table has an index and is referenced by orders, which block its
 * ALTER; a key is never added or dropped by ALTER there).
 */
class TableRebuildRoundTripTest {
  /**
   * Where the test differs by database: the key's delete action, the rebuild's mark, and how a
   * decimal is written in SQL.
   */
  enum Db {
    /**
     * With ON DELETE CASCADE, which a drop under enforcement would fire. Decimals are stored as
     * integers scaled by the column's scale, so SQL writes them so.
     */
    SQLITE(
        TestDatabases.SQLITE,
        ReferentialAction.CASCADE,
        "RENAME TO",
        true,
        "orders row 2 references a missing row of users"),
    /** DuckDB has no ON DELETE actions; it checks each copied row's keys as it is inserted. */
    DUCKDB(
        TestDatabases.DUCKDB,
        ReferentialAction.NO_ACTION,
        "CREATE TEMP TABLE",
        false,
        "Violates foreign key constraint");

    final TestDatabases database;
    final ReferentialAction onDelete;
    final String rebuildMark;
    private final boolean scaledDecimals;
    final String brokenKey;

    Db(
        TestDatabases database,
        ReferentialAction onDelete,
        String rebuildMark,
        boolean scaledDecimals,
        String brokenKey) {
      this.database = database;
      this.onDelete = onDelete;
      this.rebuildMark = rebuildMark;
      this.scaledDecimals = scaledDecimals;
      this.brokenKey = brokenKey;
    }

    /** A decimal of scale 4 as an SQL literal for this database. */
    String decimal(String value) {
      BigDecimal d = new BigDecimal(value);
      return scaledDecimals ? d.movePointRight(4).toBigIntegerExact().toString() : d.toString();
    }
  }

  static final Index STATUS = new Index("ix_users_status", List.of("status"), false);

  static Table users(
      int emailLength, int balanceDigits, boolean nicknameRequired, String status, boolean legacy) {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity());
    columns.add(Column.of("email", ColumnType.string(emailLength)).notNull());
    columns.add(Column.of("nickname", ColumnType.string(50)).withNullable(!nicknameRequired));
    columns.add(Column.of("status", ColumnType.string(20)).notNull().withDefault(status));
    columns.add(Column.of("balance", ColumnType.decimal(balanceDigits, 4)));
    if (legacy) {
      columns.add(Column.of("legacy", ColumnType.string(20)));
    }
    return Table.named("users")
        .withColumns(columns)
        .withPrimaryKey(List.of("id"))
        .withIndexes(List.of(STATUS));
  }

  static Table orders(boolean foreignKey, ReferentialAction onDelete) {
    ForeignKey toUsers =
        new ForeignKey(
            "fk_orders_user",
            List.of("user_id"),
            Optional.empty(),
            "users",
            List.of("id"),
            onDelete,
            ReferentialAction.NO_ACTION);
    return Table.named("orders")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("user_id", ColumnType.of(Kind.BIGINT)).notNull(),
                Column.of("note", ColumnType.string(100))))
        .withPrimaryKey(List.of("id"))
        .withForeignKeys(foreignKey ? List.of(toUsers) : List.of());
  }

  static final Table USERS_V1 = users(100, 18, false, "'new'", true);

  /** One change, as the users table after it and whether orders has its key before and after. */
  enum Change {
    /** A longer email (DuckDB keeps no VARCHAR length, so there only) and more decimal digits. */
    TYPE(users(200, 30, false, "'new'", true), true, true, true),
    NULLABILITY(users(100, 18, true, "'new'", true), true, true, true),
    DEFAULT(users(100, 18, false, "'active'", true), true, true, false),
    FOREIGN_KEY_ADDED(USERS_V1, false, true, true),
    FOREIGN_KEY_REMOVED(USERS_V1, true, false, true),
    COLUMN_DROPPED(users(100, 18, false, "'new'", false), true, true, true),
    /** All of them in one revision, on both tables: rebuilt once, up and back. */
    ALL_AT_ONCE(users(200, 30, true, "'active'", false).withIndexes(List.of()), true, false, true);

    final Table users;
    final boolean keyBefore;
    final boolean keyAfter;
    final boolean duckDbRebuilds;

    Change(Table users, boolean keyBefore, boolean keyAfter, boolean duckDbRebuilds) {
      this.users = users;
      this.keyBefore = keyBefore;
      this.keyAfter = keyAfter;
      this.duckDbRebuilds = duckDbRebuilds;
    }
  }

  static Stream<Arguments> cases() {
    return Arrays.stream(Db.values())
        .flatMap(db -> Arrays.stream(Change.values()).map(c -> Arguments.of(db, c)));
  }

  static Migrations migrations(Database db, Path dir, List<Table> models) {
    return Migrations.builder().database(db).scriptLocation(dir).models(models).build();
  }

  static List<String> differences(Migrations m) {
    return m.check().differences().stream().map(MigrationOp::describe).toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void eachChangeRebuildsUpAndBackKeepingRowsAndKeys(Db dialect, Change change) throws Exception {
    Path dir = Scripts.newLocation();
    List<Table> before = List.of(USERS_V1, orders(change.keyBefore, dialect.onDelete));
    List<Table> after = List.of(change.users, orders(change.keyAfter, dialect.onDelete));
    try (Database db = Database.open(dialect.database.newUrl())) {
      Migrations v1 = migrations(db, dir, before);
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      assertThat(differences(v1)).isEmpty();
      run(
          db,
          "INSERT INTO users (id, email, nickname, status, balance, legacy) VALUES"
              + " (1, 'ann@x', 'Ann', 'new', "
              + dialect.decimal("12345678901234.5678")
              + ", 'l1'), (2, 'Bjørk@x', 'Bjørk', 'gone', NULL, NULL),"
              + " (7, 'émile@x', 'Émile', 'new', "
              + dialect.decimal("-0.0001")
              + ", 'l7')",
          "INSERT INTO orders (id, user_id, note) VALUES (1, 1, 'a'), (2, 2, NULL), (3, 2, 'c')");
      String usersSql = "SELECT id, email, nickname, status, balance FROM users ORDER BY id";
      String ordersSql = "SELECT id, user_id, note FROM orders ORDER BY id";
      List<String> users = rows(db, usersSql);
      List<String> orders = rows(db, ordersSql);

      Migrations v2 = migrations(db, dir, after);
      assertThat(differences(v2)).isNotEmpty();
      var second = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      String text = Files.readString(second.file().orElseThrow());
      assertThat(text).doesNotContain("by hand");
      if (dialect == Db.DUCKDB && !change.duckDbRebuilds) {
        assertThat(text).doesNotContain(dialect.rebuildMark);
      } else {
        assertThat(text).contains(dialect.rebuildMark);
      }
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, usersSql)).isEqualTo(users);
      assertThat(rows(db, ordersSql)).isEqualTo(orders);
      assertKeys(db, change.keyAfter);

      v2.downgrade(1);
      Files.delete(second.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, usersSql)).isEqualTo(users);
      assertThat(rows(db, ordersSql)).isEqualTo(orders);
      assertKeys(db, change.keyBefore);
    }
  }

  /** A rebuild adding a key that rows break fails whole: the first schema and rows stay. */
  @ParameterizedTest
  @EnumSource(Db.class)
  void aRebuildBreakingAForeignKeyChangesNothing(Db dialect) throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(dialect.database.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(USERS_V1, orders(false, dialect.onDelete)));
      var first = v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "INSERT INTO users (id, email) VALUES (1, 'ann@x')",
          "INSERT INTO orders (id, user_id, note) VALUES (1, 1, 'ok'), (2, 999, 'orphan')");
      Migrations v2 = migrations(db, dir, List.of(USERS_V1, orders(true, dialect.onDelete)));
      var second = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      assertThatThrownBy(() -> v2.upgrade()).hasStackTraceContaining(dialect.brokenKey);
      assertThat(v2.current().current()).containsExactly(first.id());
      Files.delete(second.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, "SELECT id, user_id, note FROM orders ORDER BY id"))
          .containsExactly("1|1|ok", "2|999|orphan");
      if (dialect == Db.SQLITE) {
        // The migration connection turned enforcement back on though the step failed.
        assertThat(rows(db, "PRAGMA foreign_keys")).containsExactly("1");
      }
    }
  }

  /**
   * No order points at a missing user, and a new one that would is refused exactly where the model
   * has the key (the key is enforced: SQLite's migration connection turned enforcement back on).
   */
  static void assertKeys(Database db, boolean enforced) throws SQLException {
    assertThat(
            rows(
                db,
                "SELECT o.id FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL"))
        .isEmpty();
    String orphan = "INSERT INTO orders (id, user_id) VALUES (99, 999)";
    if (enforced) {
      assertThatThrownBy(() -> run(db, orphan))
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("foreign key"));
    } else {
      run(db, orphan, "DELETE FROM orders WHERE id = 99");
    }
  }

  static void run(Database db, String... sql) throws SQLException {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  static List<String> rows(Database db, String sql) throws SQLException {
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
