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
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What DuckDB's table rebuilds (issue 22) do beyond {@link TableRebuildRoundTripTest}: a referenced
 * table with odd names and wide decimals, a table referencing itself.
 */
class DuckDbTableRebuildTest {
  static final String PARENT = "Émploi Ünits";
  static final String CHILD = "Çhild Tâble";

  static Table parent(int digits, boolean nameRequired) {
    return Table.named(PARENT)
        .withColumns(
            List.of(
                Column.of("ID", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("Naïve \"Name\"", ColumnType.string(40))
                    .withNullable(!nameRequired)
                    .withDefault("'—'"),
                Column.of("Bälance", ColumnType.decimal(digits, 10))))
        .withPrimaryKey(List.of("ID"))
        .withIndexes(List.of(new Index("ix_Émploi_Name", List.of("Naïve \"Name\""), false)));
  }

  static final Table CHILD_TABLE =
      Table.named(CHILD)
          .withColumns(
              List.of(
                  Column.of("id", ColumnType.of(Kind.BIGINT)).notNull(),
                  Column.of("Parent ID", ColumnType.of(Kind.BIGINT))))
          .withPrimaryKey(List.of("id"))
          .withForeignKeys(List.of(ForeignKey.of("fk_child_parent", "Parent ID", PARENT, "ID")));

  /**
   * A referenced table whose decimal widens and whose name column becomes required (NULLs take the
   * default): the table referencing it is rebuilt with it, and rows, keys, indexes and every digit
   * come back both ways.
   */
  @Test
  void aReferencedTableWithOddNamesAndWideDecimalsRebuildsUpAndBack() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(parent(30, false), CHILD_TABLE));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          // Ids from the identity sequence: 1, 2, 3.
          "INSERT INTO \"Émploi Ünits\" (\"Naïve \"\"Name\"\"\", \"Bälance\") VALUES"
              + " ('ｗｉｄｅ', 12345678901234567890.0123456789),"
              + " (NULL, -0.0000000001), ('😀', NULL)",
          "INSERT INTO \"Çhild Tâble\" VALUES (10, 1), (11, 3), (12, NULL)");
      String parents = "SELECT * FROM \"Émploi Ünits\" ORDER BY \"ID\"";
      String children = "SELECT * FROM \"Çhild Tâble\" ORDER BY id";
      List<String> before = rows(db, parents);
      List<String> kids = rows(db, children);
      assertThat(before)
          .containsExactly("1|ｗｉｄｅ|12345678901234567890.0123456789", "2|null|-1E-10", "3|😀|null");

      Migrations v2 = migrations(db, dir, List.of(parent(38, true), CHILD_TABLE));
      var rev = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      String text = Files.readString(rev.file().orElseThrow());
      assertThat(text).contains("CREATE TEMP TABLE temp.\"_old_Çhild Tâble\"");
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, parents))
          .containsExactly("1|ｗｉｄｅ|12345678901234567890.0123456789", "2|—|-1E-10", "3|😀|null");
      assertThat(rows(db, children)).isEqualTo(kids);
      assertIndexedAndKeyed(db);

      v2.downgrade(1);
      Files.delete(rev.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, parents))
          .containsExactly("1|ｗｉｄｅ|12345678901234567890.0123456789", "2|—|-1E-10", "3|😀|null");
      assertThat(rows(db, children)).isEqualTo(kids);
      assertIndexedAndKeyed(db);
      // Both rebuilds kept the identity's sequence: the next row gets 4, not 1 again.
      run(db, "INSERT INTO \"Émploi Ünits\" (\"Naïve \"\"Name\"\"\") VALUES ('next')");
      assertThat(rows(db, "SELECT max(\"ID\") FROM \"Émploi Ünits\"")).containsExactly("4");
    }
  }

  private static void assertIndexedAndKeyed(Database db) throws Exception {
    assertThat(
            rows(db, "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'Émploi Ünits'"))
        .containsExactly("ix_Émploi_Name");
    assertThatThrownBy(() -> run(db, "INSERT INTO \"Çhild Tâble\" VALUES (99, 999)"))
        .hasMessageContaining("Violates foreign key constraint");
    assertThatThrownBy(() -> run(db, "DELETE FROM \"Émploi Ünits\" WHERE \"ID\" = 1"))
        .hasMessageContaining("foreign key");
  }

  /**
   * DuckDB checks a key to the same table only against rows already there, so a table referencing
   * itself cannot be copied in one statement: its rebuild is refused when the revision is written.
   */
  @Test
  void aSelfReferencingTableIsRefusedClearly() throws Exception {
    Path dir = Scripts.newLocation();
    Table tree =
        Table.named("tree")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(Kind.BIGINT)).notNull(),
                    Column.of("parent", ColumnType.of(Kind.BIGINT)),
                    Column.of("label", ColumnType.string(20))))
            .withPrimaryKey(List.of("id"))
            .withIndexes(List.of(new Index("ix_tree_label", List.of("label"), false)))
            .withForeignKeys(List.of(ForeignKey.of("fk_tree_parent", "parent", "tree", "id")));
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(tree));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      List<Column> required =
          tree.columns().stream()
              .map(c -> c.name().equals("label") ? c.withNullable(false).withDefault("'x'") : c)
              .toList();
      Migrations v2 = migrations(db, dir, List.of(tree.withColumns(required)));
      assertThatThrownBy(() -> v2.revision("v2", RevisionRequest.empty().withAutogenerate(true)))
          .hasMessageContaining("duckdb cannot rebuild tree, which references itself")
          .hasMessageContaining("change the table by hand");
      assertThat(v1.current().current()).hasSize(1);
    }
  }
}
