package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.Env;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.NewRevision;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.internal.script.RevisionFile;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Autogenerate writes a section for every dialect the project targets, from one connection (issue
 * 22): the declared {@code ALEMBIC_DIALECTS}, else the dialects the existing revisions name, and
 * always the database's own.
 */
class EveryDialectAtOnceTest {
  private static final Table WIDGETS =
      Table.named("widgets")
          .withColumns(
              List.of(
                  Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)).withNullable(false),
                  Column.of("label", ColumnType.string(80))))
          .withPrimaryKey(List.of("id"));

  private static Migrations migrations(Database db, Path dir, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("ALEMBIC_SCRIPT_LOCATION", dir.toString());
    return Migrations.builder()
        .database(db)
        .settings(MigrationSettings.from(Env.of(all), Optional.empty(), Optional.empty()))
        .models(List.of(WIDGETS))
        .build();
  }

  /** The dialects each section of {@code file} names, all together. */
  private static Set<String> sectionDialects(Path file) throws Exception {
    Revision r = RevisionFile.parse(Files.readString(file), file.toString());
    Set<String> out = new TreeSet<>();
    for (SqlScript.Section s : ((SqlScript) r.body()).sections()) {
      out.addAll(s.dialects());
    }
    return out;
  }

  @Test
  void theDeclaredDialectsAreWrittenFromOneSqliteConnection() throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      NewRevision r =
          migrations(db, dir, Map.of("ALEMBIC_DIALECTS", "postgresql, MariaDB,mysql,mssql"))
              .revision("widgets", RevisionRequest.empty().withAutogenerate(true));
      assertThat(sectionDialects(r.file().orElseThrow()))
          .containsExactlyInAnyOrder("sqlite", "postgresql", "mariadb", "mysql", "mssql");
      // The file runs where it was made.
      assertThat(migrations(db, dir, Map.of()).upgrade()).hasSize(1);
    }
  }

  @Test
  void withoutADeclarationTheExistingRevisionsDialectsAreKept() throws Exception {
    Path dir = Scripts.newLocation();
    Files.writeString(
        dir.resolve("versions/aaaaaaaaaaa1_start.sql"),
        """
        -- revision: aaaaaaaaaaa1
        -- down_revision:
        -- message: start
        -- +upgrade mariadb,mysql
        CREATE TABLE start_t (id INTEGER PRIMARY KEY);
        -- +upgrade sqlite,postgresql
        CREATE TABLE start_t (id INTEGER PRIMARY KEY);
        -- +downgrade
        DROP TABLE start_t;
        """);
    try (Database db = Database.open(TestDatabases.MARIADB.newUrl())) {
      Migrations m = migrations(db, dir, Map.of());
      m.upgrade();
      NewRevision r = m.revision("widgets", RevisionRequest.empty().withAutogenerate(true));
      // The MariaDB connection alone used to give a revision without its mysql section.
      assertThat(sectionDialects(r.file().orElseThrow()))
          .containsExactlyInAnyOrder("mariadb", "mysql", "sqlite", "postgresql");
    }
  }

  @Test
  void anUnknownDeclaredDialectIsAClearError() {
    assertThatThrownBy(
            () ->
                MigrationSettings.from(
                    Env.of(Map.of("ALEMBIC_DIALECTS", "postgresql,postgres")),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageContaining("ALEMBIC_DIALECTS")
        .hasMessageContaining("postgres")
        .hasMessageContaining("postgresql");
  }
}
