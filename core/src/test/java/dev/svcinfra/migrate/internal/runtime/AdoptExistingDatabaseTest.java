package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.NewRevision;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.internal.autogen.Autogenerate;
import dev.svcinfra.migrate.internal.autogen.SchemaReflector;
import dev.svcinfra.migrate.internal.autogen.TableFilter;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Adopting an existing database (issue 22): 20 tables of which the models map 5. The table filter
 * keeps {@code check} clean and autogenerate from dropping the others; {@code baseline} writes the
 * live schema as a first revision, stamps the database, and a fresh database upgraded from it has
 * the same schema.
 */
class AdoptExistingDatabaseTest {
  private static final Set<String> BOOKKEEPING =
      Set.of("svc_infra_version", "svc_infra_version_history", "svc_infra_version_lock");

  private static List<Table> models() {
    List<Table> out = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      out.add(
          Table.named("mapped_" + i)
              .withColumns(
                  List.of(
                      Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)).withNullable(false),
                      Column.of("name", ColumnType.string(100))))
              .withPrimaryKey(List.of("id")));
    }
    return out;
  }

  private static Migrations migrations(
      Database db, Path dir, Map<String, String> env, List<Table> models) {
    Map<String, String> all = new HashMap<>(env);
    all.put("ALEMBIC_SCRIPT_LOCATION", dir.toString());
    MigrationSettings settings =
        MigrationSettings.from(Env.of(all), Optional.empty(), Optional.empty());
    return Migrations.builder().database(db).settings(settings).models(models).build();
  }

  /** Fifteen tables no model maps, one with an index and one pointing at another. */
  private static void legacyTables(Database db) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      for (int i = 1; i <= 15; i++) {
        st.execute(
            String.format(
                "CREATE TABLE legacy_%02d (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(50))", i));
      }
      st.execute("CREATE INDEX ix_legacy_01_note ON legacy_01 (note)");
    }
  }

  private static List<String> described(List<MigrationOp> ops) {
    return ops.stream().map(MigrationOp::describe).toList();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void theFilterKeepsUnmappedTablesOutOfCheckAndAutogenerate(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(kind.newUrl())) {
      Migrations plain = migrations(db, dir, Map.of(), models());
      plain.revision("models", RevisionRequest.empty().withAutogenerate(true));
      plain.upgrade();
      legacyTables(db);

      assertThat(described(migrations(db, dir, Map.of(), models()).check().differences()))
          .hasSize(15)
          .allSatisfy(d -> assertThat(d).startsWith("remove table legacy_"));
      for (Map<String, String> filter :
          List.of(
              Map.of("ALEMBIC_EXCLUDE_TABLES", "legacy_*"),
              Map.of("ALEMBIC_EXCLUDE_TABLES", "LEGACY_0?, legacy_1*"),
              Map.of("ALEMBIC_INCLUDE_TABLES", "mapped_*"),
              Map.of("ALEMBIC_INCLUDE_TABLES", "mapped_1,mapped_2,mapped_3,mapped_4,mapped_5"))) {
        assertThat(migrations(db, dir, filter, models()).check().clean()).as("%s", filter).isTrue();
      }
      Migrations hooked =
          Migrations.builder()
              .database(db)
              .scriptLocation(dir)
              .models(models())
              .includeTable(t -> !t.startsWith("legacy_"))
              .build();
      assertThat(hooked.check().clean()).isTrue();

      // Autogenerate with the filter writes nothing for the legacy tables; without it, drops.
      Migrations filtered =
          migrations(db, dir, Map.of("ALEMBIC_EXCLUDE_TABLES", "legacy_*"), models());
      NewRevision none =
          filtered.revision(
              "nothing", RevisionRequest.empty().withAutogenerate(true).withPrintOnly(true));
      assertThat(none.text()).doesNotContainIgnoringCase("DROP TABLE");
      NewRevision drops =
          migrations(db, dir, Map.of(), models())
              .revision(
                  "drops", RevisionRequest.empty().withAutogenerate(true).withPrintOnly(true));
      assertThat(drops.text()).containsIgnoringCase("DROP TABLE");

      // A model the filter leaves out is not created either.
      List<Table> more = new ArrayList<>(models());
      more.add(
          Table.named("legacy_new")
              .withColumns(models().get(0).columns())
              .withPrimaryKey(List.of("id")));
      assertThat(
              migrations(db, dir, Map.of("ALEMBIC_EXCLUDE_TABLES", "legacy_*"), more)
                  .check()
                  .clean())
          .isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void baselineAdoptsTheLiveSchemaAndAFreshDatabaseUpgradesToIt(TestDatabases kind)
      throws Exception {
    Path dir = Scripts.newLocation();
    try (Database existing = Database.open(kind.newUrl());
        Database fresh = Database.open(kind.newUrl())) {
      try (Connection c = existing.connection();
          Statement st = c.createStatement()) {
        for (int i = 1; i <= 5; i++) {
          st.execute(
              "CREATE TABLE mapped_"
                  + i
                  + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100),"
                  + " amount DECIMAL(12,2) DEFAULT 0 NOT NULL)");
        }
        st.execute("CREATE INDEX ix_mapped_1_name ON mapped_1 (name)");
        st.execute("CREATE UNIQUE INDEX ux_mapped_2_name ON mapped_2 (name)");
        st.execute(
            "CREATE TABLE child (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT,"
                + " CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES mapped_1 (id))");
      }
      legacyTables(existing);
      Map<String, String> env = Map.of("ALEMBIC_EXCLUDE_TABLES", "legacy_*");
      Migrations adopt = migrations(existing, dir, env, List.of());
      Set<String> before = TestDatabases.tables(existing.connection());

      NewRevision baseline = adopt.baseline("adopt the orders database", RevisionRequest.empty());
      assertThat(baseline.file()).isPresent();
      String text = Files.readString(baseline.file().get());
      assertThat(text)
          .contains("CREATE TABLE")
          .doesNotContain("legacy_")
          .doesNotContainIgnoringCase("DROP");
      assertThat(adopt.current().current()).containsExactly(baseline.id());
      try (Connection c = existing.connection()) {
        Set<String> after = TestDatabases.tables(c);
        after.removeAll(BOOKKEEPING);
        assertThat(after).isEqualTo(before); // nothing ran
      }
      assertThat(adopt.upgrade()).isEmpty();

      Migrations again = migrations(existing, dir, env, List.of());
      MigrationException twice =
          catchThrowableOfType(
              MigrationException.class, () -> again.baseline("again", RevisionRequest.empty()));
      assertThat(twice.code()).isEqualTo(ErrorCode.INVALID_SETTING);
      assertThat(twice).hasMessageContaining("already holds 1 revision");

      migrations(fresh, dir, Map.of(), List.of()).upgrade();
      List<Table> adopted;
      try (Connection c = existing.connection()) {
        TableFilter filter = TableFilter.of(List.of(), List.of("legacy_*"), BOOKKEEPING, t -> true);
        adopted = new SchemaReflector(existing.dialect(), List.of(), filter).reflect(c);
      }
      assertThat(adopted).hasSize(6);
      try (Connection c = fresh.connection()) {
        assertThat(
                described(
                    Autogenerate.compare(c, fresh.dialect(), adopted, List.of(), BOOKKEEPING)))
            .isEmpty();
      }
    }
  }
}
