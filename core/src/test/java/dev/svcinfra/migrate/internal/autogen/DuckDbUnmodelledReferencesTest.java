package dev.svcinfra.migrate.internal.autogen;

import static dev.svcinfra.migrate.internal.autogen.TableRebuildRoundTripTest.differences;
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
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table the models do not know (left out by the table filter: made by hand, or a model excluded)
 * that references a table a DuckDB revision rebuilds: decided when the revision is written, by
 * reading it from the database. It is rebuilt with the table it references when its definition can
 * be carried over, and the revision is refused naming it when it cannot.
 */
class DuckDbUnmodelledReferencesTest {
  static Table parent(boolean wide) {
    return Table.named("Päre Nt")
        .withColumns(
            List.of(
                Column.of("ID", ColumnType.of(Kind.BIGINT)).notNull(),
                Column.of("Ämount", ColumnType.decimal(wide ? 20 : 10, 2))))
        .withPrimaryKey(List.of("ID"))
        .withIndexes(List.of(new Index("ix_Päre_Ämount", List.of("Ämount"), false)));
  }

  static Migrations migrations(Database db, Path dir, Table model) {
    return Migrations.builder()
        .database(db)
        .scriptLocation(dir)
        .models(List.of(model))
        .includeTable(t -> !t.startsWith("händ"))
        .build();
  }

  /**
   * A hand-made table (a sequence default, an index, a unique constraint, non-ASCII names) is
   * rebuilt with the table it references, up and back: rows, key, index and uniqueness kept, and
   * {@code check} clean at both ends.
   */
  @Test
  void aHandMadeTableReferencingARebuiltOneIsRebuiltWithIt() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, parent(false));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "CREATE SEQUENCE händ_seq",
          "CREATE TABLE \"händ Made\" (id INTEGER DEFAULT nextval('händ_seq') PRIMARY KEY,"
              + " \"Päre ID\" BIGINT REFERENCES \"Päre Nt\" (\"ID\"), \"Nöte\" VARCHAR UNIQUE)",
          "CREATE INDEX \"ix_händ_Nöte\" ON \"händ Made\" (lower(\"Nöte\"))",
          "INSERT INTO \"Päre Nt\" VALUES (1, 12345678.25), (2, NULL)",
          "INSERT INTO \"händ Made\" (\"Päre ID\", \"Nöte\") VALUES (1, 'ä'), (2, '😀'), (NULL, NULL)");
      String kids = "SELECT * FROM \"händ Made\" ORDER BY id";
      List<String> before = rows(db, kids);
      String indexes = "SELECT index_name FROM duckdb_indexes() ORDER BY index_name";

      Migrations v2 = migrations(db, dir, parent(true));
      var rev = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      assertThat(Files.readString(rev.file().orElseThrow()))
          .contains("CREATE TEMP TABLE temp.\"_old_händ Made\"")
          .contains("DEFAULT nextval('händ_seq')");
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, kids)).isEqualTo(before);
      // The unique constraint comes back as a unique index under the name DuckDB gave it.
      assertThat(rows(db, indexes))
          .containsExactlyInAnyOrder("ix_Päre_Ämount", "ix_händ_Nöte", "händ Made_nöte_key");
      assertKept(db);

      v2.downgrade(1);
      Files.delete(rev.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, kids)).isEqualTo(before);
      assertKept(db);
    }
  }

  private static void assertKept(Database db) throws Exception {
    assertThatThrownBy(() -> run(db, "INSERT INTO \"händ Made\" (\"Päre ID\") VALUES (99)"))
        .hasMessageContaining("Violates foreign key constraint");
    assertThatThrownBy(() -> run(db, "INSERT INTO \"händ Made\" (\"Nöte\") VALUES ('ä')"))
        .hasMessageContaining("Duplicate key");
    // The sequence continues (the failed inserts above took values too): no id is given twice.
    run(db, "INSERT INTO \"händ Made\" (\"Nöte\") VALUES ('next')");
    assertThat(rows(db, "SELECT id > 3 FROM \"händ Made\" WHERE \"Nöte\" = 'next'"))
        .containsExactly("true");
    run(db, "DELETE FROM \"händ Made\" WHERE \"Nöte\" = 'next'");
  }

  /**
   * A table left out by the filter whose definition reflection cannot carry (a CHECK constraint, a
   * type outside the portable ones): the revision is refused naming it and why, and nothing is
   * written or changed.
   */
  @Test
  void aFilteredOutTableThatCannotBeCarriedOverIsRefusedNamingIt() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, parent(false));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "CREATE TABLE \"händ Checked\" (id INTEGER PRIMARY KEY, p BIGINT REFERENCES"
              + " \"Päre Nt\" (\"ID\"), big HUGEINT, CHECK (id > 0))");
      Migrations v2 = migrations(db, dir, parent(true));
      assertThatThrownBy(() -> v2.revision("v2", RevisionRequest.empty().withAutogenerate(true)))
          .hasMessageContaining("duckdb cannot rebuild Päre Nt: the tables händ Checked (")
          .hasMessageContaining("it has CHECK constraints")
          .hasMessageContaining("its column big is HUGEINT")
          .hasMessageContaining("the models do not know them");
      try (var files = Files.list(dir.resolve("versions"))) {
        assertThat(files.count()).isEqualTo(1);
      }
      assertThat(v1.current().current()).hasSize(1);
      assertThat(differences(v1)).isEmpty();
    }
  }
}
