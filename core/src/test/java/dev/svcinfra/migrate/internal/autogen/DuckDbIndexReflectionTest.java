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
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DuckDB's indexes and unique constraints are reflected from its catalog: autogenerate creates and
 * drops them, {@code check} sees them missing or extra, and a rebuild's downgrade restores an index
 * its upgrade removed. Names are mixed-case and non-ASCII.
 */
class DuckDbIndexReflectionTest {
  static final String TABLE = "Çustomer Ärea";
  static final String SELECT_INDEXES =
      "SELECT index_name, sql FROM duckdb_indexes() WHERE table_name = '"
          + TABLE
          + "'"
          + " ORDER BY index_name";

  static final Index BY_NAME = new Index("ix_Çust_Näme", List.of("Näme"), false);
  static final Index BY_EMAIL = new Index("ux_Çust_Émail", List.of("Émail"), true, true);
  static final Index BY_CITY_NAME = new Index("ix_Çust_City", List.of("City", "Näme"), false);

  static Table table(boolean wideScore, List<Index> indexes, boolean uniqueCode) {
    return Table.named(TABLE)
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).notNull(),
                Column.of("Näme", ColumnType.string(40)),
                Column.of("Émail", ColumnType.string(80)),
                Column.of("City", ColumnType.string(40)),
                Column.of("Cöde", ColumnType.string(10)),
                Column.of("Scöre", ColumnType.decimal(wideScore ? 20 : 10, 2))))
        .withPrimaryKey(List.of("id"))
        .withIndexes(indexes)
        .withUniqueConstraints(
            uniqueCode
                ? List.of(new UniqueConstraint("uq_Çust_Cöde", List.of("Cöde")))
                : List.of());
  }

  static final Table V1 = table(false, List.of(BY_NAME, BY_EMAIL), true);

  /** Index added, removed and changed (other columns), each way; check clean at both ends. */
  @Test
  void indexesAddedRemovedAndChangedRoundTrip() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(V1));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      assertThat(differences(v1)).isEmpty();
      run(
          db,
          "INSERT INTO \"Çustomer Ärea\" VALUES (1, 'Ann', 'ann@x', 'Köln', 'a', 1.5),"
              + " (2, 'Bjørk', 'BJØRK@x', NULL, 'b', NULL)");

      // In place: ix_Çust_Näme dropped, ix_Çust_City added.
      Migrations v2 =
          migrations(db, dir, List.of(table(false, List.of(BY_EMAIL, BY_CITY_NAME), true)));
      var rev2 = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      assertThat(Files.readString(rev2.file().orElseThrow()))
          .contains("DROP INDEX \"ix_Çust_Näme\"")
          .contains("CREATE INDEX \"ix_Çust_City\" ON \"Çustomer Ärea\" (\"City\", \"Näme\")")
          .doesNotContain("CREATE TEMP TABLE");
      v2.upgrade();
      assertThat(differences(v2)).isEmpty();

      // The ignore-case unique index becomes exact under the same name. DuckDB cannot create a
      // unique index under the name of one dropped in the same transaction: the table is rebuilt,
      // in both directions.
      Index emailExact = new Index("ux_Çust_Émail", List.of("Émail"), true);
      Migrations v3 =
          migrations(db, dir, List.of(table(false, List.of(emailExact, BY_CITY_NAME), true)));
      var rev3 = v3.revision("v3", RevisionRequest.empty().withAutogenerate(true));
      assertThat(Files.readString(rev3.file().orElseThrow()))
          .contains("CREATE TEMP TABLE temp.\"_old_Çustomer Ärea\"")
          .contains("CREATE UNIQUE INDEX \"ux_Çust_Émail\" ON \"Çustomer Ärea\" (\"Émail\")");
      v3.upgrade();
      assertThat(differences(v3)).isEmpty();
      assertThat(rows(db, SELECT_INDEXES))
          .containsExactly(
              // DuckDB writes back the plain ASCII name bare.
              "ix_Çust_City|CREATE INDEX \"ix_Çust_City\" ON \"Çustomer Ärea\"(City, \"Näme\");",
              "ux_Çust_Émail|CREATE UNIQUE INDEX \"ux_Çust_Émail\" ON \"Çustomer Ärea\"(\"Émail\");");
      // Exact now: 'ANN@x' is another key than 'ann@x'.
      run(db, "INSERT INTO \"Çustomer Ärea\" (id, \"Émail\") VALUES (3, 'ANN@x')");

      // It would break the ignore-case key the downgrade restores.
      run(db, "DELETE FROM \"Çustomer Ärea\" WHERE id = 3");
      v3.downgrade(1);
      Files.delete(rev3.file().orElseThrow());
      assertThat(differences(v2)).isEmpty();
      v2.downgrade(1);
      Files.delete(rev2.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, SELECT_INDEXES).stream().map(r -> r.split("\\|")[0]))
          .containsExactly("ix_Çust_Näme", "ux_Çust_Émail");
      assertThat(rows(db, "SELECT count(*) FROM \"Çustomer Ärea\"")).containsExactly("2");
      // Ignoring case again.
      assertThatThrownBy(
              () -> run(db, "INSERT INTO \"Çustomer Ärea\" (id, \"Émail\") VALUES (4, 'ANN@x')"))
          .hasMessageContaining("Duplicate key");
    }
  }

  /**
   * A type change under an index rebuilds the table; the same revision drops an index the models no
   * longer have, and the downgrade's rebuild brings it back (with the unique constraint).
   */
  @Test
  void aRebuildsDowngradeRestoresTheIndexItsUpgradeRemoved() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(V1));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(db, "INSERT INTO \"Çustomer Ärea\" VALUES (1, 'Ann', 'ann@x', 'Köln', 'a', 12345678.5)");

      Migrations v2 = migrations(db, dir, List.of(table(true, List.of(BY_EMAIL), false)));
      var rev = v2.revision("v2", RevisionRequest.empty().withAutogenerate(true));
      assertThat(Files.readString(rev.file().orElseThrow()))
          .contains("CREATE TEMP TABLE temp.\"_old_Çustomer Ärea\"");
      v2.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(v2)).isEmpty();
      assertThat(rows(db, SELECT_INDEXES).stream().map(r -> r.split("\\|")[0]))
          .containsExactly("ux_Çust_Émail");
      run(db, "INSERT INTO \"Çustomer Ärea\" (id, \"Cöde\") VALUES (2, 'a')"); // no longer unique
      run(db, "DELETE FROM \"Çustomer Ärea\" WHERE id = 2");

      v2.downgrade(1);
      Files.delete(rev.file().orElseThrow());
      assertThat(differences(v1)).isEmpty();
      assertThat(rows(db, SELECT_INDEXES).stream().map(r -> r.split("\\|")[0]))
          .containsExactly("ix_Çust_Näme", "ux_Çust_Émail");
      assertThat(rows(db, "SELECT id, \"Näme\", \"Scöre\" FROM \"Çustomer Ärea\""))
          .containsExactly("1|Ann|12345678.50");
      assertThatThrownBy(
              () -> run(db, "INSERT INTO \"Çustomer Ärea\" (id, \"Cöde\") VALUES (2, 'a')"))
          .hasMessageContaining("Duplicate key");
    }
  }

  /**
   * {@code check} sees a missing index, an extra one (an expression index made by hand, reported
   * with its expression) and a missing unique constraint.
   */
  @Test
  void checkSeesIndexDrift() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.DUCKDB.newUrl())) {
      Migrations v1 = migrations(db, dir, List.of(V1));
      v1.revision("v1", RevisionRequest.empty().withAutogenerate(true));
      v1.upgrade();
      run(
          db,
          "DROP INDEX \"ix_Çust_Näme\"",
          "CREATE INDEX \"Ix Händmade\" ON \"Çustomer Ärea\" ((\"City\" || 'x'))");
      assertThat(differences(v1))
          .containsExactlyInAnyOrder(
              "add index ix_Çust_Näme on Çustomer Ärea [Näme]",
              "remove index Ix Händmade on Çustomer Ärea");

      // The unique constraint is part of the table: without it in the models, check reports it.
      Migrations noCode =
          migrations(db, dir, List.of(table(false, List.of(BY_NAME, BY_EMAIL), false)));
      run(
          db,
          "DROP INDEX \"Ix Händmade\"",
          "CREATE INDEX \"ix_Çust_Näme\" ON \"Çustomer Ärea\" (\"Näme\")");
      assertThat(differences(noCode))
          .singleElement()
          .asString()
          .startsWith("remove unique constraint ")
          .endsWith(" on Çustomer Ärea");
    }
  }
}
