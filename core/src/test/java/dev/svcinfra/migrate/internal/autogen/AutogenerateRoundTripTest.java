package dev.svcinfra.migrate.internal.autogen;

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
import dev.svcinfra.sql.model.internal.CheckConstraint;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A revision autogenerate wrote from the models, once applied, leaves nothing to report: every
 * portable column type with defaults, nullability, a unique constraint, an index, a foreign key and
 * a CHECK constraint reads back as the models declare it on each database. One change to the models
 * then gives exactly that difference, so the clean-up of reflected types and defaults hides nothing
 * real.
 */
class AutogenerateRoundTripTest {

  static Table owners() {
    return Table.named("owners")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("email", ColumnType.string(320)).notNull()))
        .withPrimaryKey(List.of("id"))
        .withUniqueConstraints(List.of(new UniqueConstraint("uq_owners_email", List.of("email"))));
  }

  /** One column of every portable type, most with a default in the form a model writes it. */
  static Table everything() {
    return Table.named("everything")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("owner_id", ColumnType.of(Kind.BIGINT)).notNull(),
                Column.of("code", ColumnType.string(120)).notNull(),
                Column.of("title", ColumnType.string(200)).withDefault("'it''s new'"),
                Column.of("body", ColumnType.of(Kind.TEXT)),
                Column.of("small", ColumnType.of(Kind.SMALLINT)).withDefault("1"),
                Column.of("quantity", ColumnType.of(Kind.INTEGER)).notNull().withDefault("-1"),
                Column.of("big", ColumnType.of(Kind.BIGINT)).withDefault("9000000000"),
                Column.of("amount", ColumnType.decimal(12, 3)).notNull().withDefault("0"),
                Column.of("balance", ColumnType.decimal()).withDefault("1.5"),
                Column.of("ratio", ColumnType.of(Kind.REAL)).withDefault("1.5"),
                Column.of("score", ColumnType.of(Kind.DOUBLE)).withDefault("2.5"),
                Column.of("active", ColumnType.of(Kind.BOOLEAN)).notNull().withDefault("TRUE"),
                Column.of("archived", ColumnType.of(Kind.BOOLEAN)).withDefault("FALSE"),
                Column.of("external_id", ColumnType.of(Kind.UUID)),
                Column.of("born", ColumnType.of(Kind.DATE)).withDefault("'2026-01-01'"),
                Column.of("opens", ColumnType.of(Kind.TIME)),
                Column.of("happened_at", ColumnType.of(Kind.TIMESTAMP))
                    .withDefault("CURRENT_TIMESTAMP"),
                Column.of("created_at", ColumnType.of(Kind.TIMESTAMP_TZ))
                    .notNull()
                    .withDefault("CURRENT_TIMESTAMP"),
                Column.of("payload", ColumnType.binary(0)),
                Column.of("digest", ColumnType.binary(32)),
                Column.of("doc", ColumnType.of(Kind.JSON)),
                Column.of("state", ColumnType.enumOf(List.of("open", "closed")))
                    .notNull()
                    .withDefault("'open'")))
        .withPrimaryKey(List.of("id"))
        .withUniqueConstraints(List.of(new UniqueConstraint("uq_everything_code", List.of("code"))))
        .withIndexes(List.of(new Index("ix_everything_happened_at", List.of("happened_at"), false)))
        .withForeignKeys(
            List.of(ForeignKey.of("fk_everything_owner_id", "owner_id", "owners", "id")))
        .withChecks(List.of(new CheckConstraint("ck_everything_amount", "amount >= 0")));
  }

  /** {@link #everything()} with the column {@code name} replaced by {@code change} of it. */
  static Table changed(String name, UnaryOperator<Column> change) {
    Table t = everything();
    List<Column> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      cols.add(c.name().equals(name) ? change.apply(c) : c);
    }
    return t.withColumns(cols);
  }

  static Column retyped(Column c, ColumnType type) {
    return new Column(
        c.name(), type, c.nullable(), c.defaultSql(), c.identity(), c.comment(), c.previousNames());
  }

  static Migrations migrations(Database db, Path dir, Table everything) {
    return Migrations.builder()
        .database(db)
        .scriptLocation(dir)
        .models(List.of(everything, owners()))
        .build();
  }

  static List<String> differences(Migrations m) {
    return m.check().differences().stream().map(MigrationOp::describe).toList();
  }

  @Test
  void theModelsCoverEveryPortableColumnType() {
    Set<Kind> covered = EnumSet.noneOf(Kind.class);
    everything().columns().forEach(c -> covered.add(c.type().kind()));
    assertThat(covered).containsExactlyInAnyOrder(Kind.values());
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void anAppliedAutogeneratedRevisionChecksCleanAndEachChangeIsReportedAlone(TestDatabases kind)
      throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(kind.newUrl())) {
      Migrations models = migrations(db, dir, everything());
      assertThat(differences(models)).containsExactly("add table owners", "add table everything");
      models.revision("everything", RevisionRequest.empty().withAutogenerate(true));
      models.upgrade();
      assertThat(differences(models)).isEmpty();
      assertThat(models.check().clean()).isTrue();

      // Types: a new precision is found everywhere.
      assertThat(
              differences(
                  migrations(
                      db, dir, changed("amount", c -> retyped(c, ColumnType.decimal(14, 3))))))
          .containsExactly("alter column everything.amount: type DECIMAL(12, 3) -> DECIMAL(14, 3)");
      // A VARCHAR length is kept everywhere but in DuckDB.
      assertThat(
              differences(
                  migrations(db, dir, changed("code", c -> retyped(c, ColumnType.string(150))))))
          .isEqualTo(
              kind == TestDatabases.DUCKDB
                  ? List.of()
                  : List.of("alter column everything.code: type STRING(120) -> STRING(150)"));
      // JSON is not text, except in SQLite, which stores both as TEXT.
      assertThat(
              differences(
                  migrations(db, dir, changed("doc", c -> retyped(c, ColumnType.of(Kind.TEXT))))))
          .isEqualTo(
              kind == TestDatabases.SQLITE
                  ? List.of()
                  : List.of("alter column everything.doc: type JSON -> TEXT"));
      // A UUID is not a 36-character string, even where it is stored as CHAR(36).
      assertThat(
              differences(
                  migrations(
                      db, dir, changed("external_id", c -> retyped(c, ColumnType.string(36))))))
          .containsExactly("alter column everything.external_id: type UUID -> STRING(36)");

      // Defaults: the database's own spelling of the old default, then the model's new one.
      String paddedZero = kind == TestDatabases.MARIADB ? "0.000" : "0";
      assertThat(differences(migrations(db, dir, changed("amount", c -> c.withDefault("5")))))
          .containsExactly("alter column everything.amount: default " + paddedZero + " -> 5");
      assertThat(differences(migrations(db, dir, changed("active", c -> c.withDefault("FALSE")))))
          .singleElement()
          .asString()
          .startsWith("alter column everything.active: default ")
          .endsWith(" -> FALSE");
      assertThat(differences(migrations(db, dir, changed("state", c -> c.withDefault("'closed'")))))
          .singleElement()
          .asString()
          .startsWith("alter column everything.state: default ")
          .endsWith(" -> 'closed'");
      assertThat(differences(migrations(db, dir, changed("created_at", c -> c.withDefault(null)))))
          .singleElement()
          .asString()
          .startsWith("alter column everything.created_at: default ")
          .endsWith(" -> none");

      // Nullability.
      assertThat(differences(migrations(db, dir, changed("title", Column::notNull))))
          .containsExactly("alter column everything.title: NOT NULL");

      // Indexes and unique constraints, where the driver reports them.
      List<String> indexChange =
          differences(migrations(db, dir, everything().withIndexes(List.of())));
      assertThat(indexChange)
          .isEqualTo(
              db.dialect().reflectsIndexes()
                  ? List.of("remove index ix_everything_happened_at on everything")
                  : List.of());

      if (kind == TestDatabases.POSTGRESQL || kind == TestDatabases.MARIADB) {
        // Where columns alter in place, the change's own revision leaves nothing to report.
        Migrations next =
            migrations(
                db,
                dir,
                changed("amount", c -> retyped(c, ColumnType.decimal(14, 3)).withDefault("5")));
        assertThat(differences(next))
            .containsExactly(
                "alter column everything.amount: type "
                    + "DECIMAL(12, 3) -> DECIMAL(14, 3): default "
                    + paddedZero
                    + " -> 5");
        next.revision("amount", RevisionRequest.empty().withAutogenerate(true));
        next.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
        assertThat(differences(next)).isEmpty();
      }
    }
  }

  /**
   * The same table, written by hand in each database's own spellings. MariaDB's text columns name
   * the binary collation the dialect gives them (issue 16); in the server's default one {@code
   * check} would restate them.
   */
  static final Map<TestDatabases, String> HAND_WRITTEN =
      Map.of(
          TestDatabases.MARIADB,
              "CREATE TABLE ledger (id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                  + "flag TINYINT(1) NOT NULL DEFAULT 1, amount DECIMAL(19,2) NOT NULL DEFAULT '0.00', "
                  + "booked DATETIME(6) NOT NULL DEFAULT NOW(6), ref CHAR(36) COLLATE utf8mb4_nopad_bin, "
                  + "doc JSON, note VARCHAR(40) COLLATE utf8mb4_nopad_bin DEFAULT 'n/a')",
          TestDatabases.SQLITE,
              "CREATE TABLE ledger (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                  + "flag BOOLEAN NOT NULL DEFAULT 1, amount DECIMAL_AS_INTEGER(19,2) NOT NULL DEFAULT 0, "
                  + "booked TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, ref CHAR(36), doc TEXT, "
                  + "note VARCHAR(40) DEFAULT 'n/a')");

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"MARIADB", "SQLITE"})
  void aHandWrittenTableInTheDatabasesOwnSpellingsChecksClean(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(dir, "0000000000a1", "", HAND_WRITTEN.get(kind), "DROP TABLE ledger");
    Table ledger =
        Table.named("ledger")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(Kind.INTEGER)).asIdentity(),
                    Column.of("flag", ColumnType.of(Kind.BOOLEAN)).notNull().withDefault("TRUE"),
                    Column.of("amount", ColumnType.decimal(19, 2)).notNull().withDefault("0"),
                    Column.of("booked", ColumnType.of(Kind.TIMESTAMP))
                        .notNull()
                        .withDefault("CURRENT_TIMESTAMP"),
                    Column.of("ref", ColumnType.of(Kind.UUID)),
                    Column.of("doc", ColumnType.of(Kind.JSON)),
                    Column.of("note", ColumnType.string(40)).withDefault("'n/a'")))
            .withPrimaryKey(List.of("id"));
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m =
          Migrations.builder().database(db).scriptLocation(dir).models(List.of(ledger)).build();
      m.upgrade();
      assertThat(differences(m)).isEmpty();
    }
  }
}
