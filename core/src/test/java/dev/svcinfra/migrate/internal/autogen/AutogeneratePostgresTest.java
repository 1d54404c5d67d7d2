package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.internal.runtime.TestDatabases;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ALEMBIC_INCLUDE_SCHEMAS on PostgreSQL: tables of extra schemas are compared too. */
class AutogeneratePostgresTest {

  @Test
  void tablesInIncludedSchemasAreComparedAndCreated() throws Exception {
    Path dir = Scripts.newLocation();
    Table events =
        Table.named("events")
            .withSchema("audit")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)).asIdentity(),
                    Column.of("kind", ColumnType.string(40)).notNull()))
            .withPrimaryKey(List.of("id"));
    try (Database db = Database.open(TestDatabases.POSTGRESQL.newUrl())) {
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA audit");
        st.execute("CREATE TABLE audit.stale (id INTEGER PRIMARY KEY)");
      }
      MigrationSettings settings =
          new MigrationSettings(
              Optional.empty(),
              dir,
              List.of(),
              List.of("audit"),
              false,
              MigrationSettings.DEFAULT_VERSION_TABLE,
              MigrationSettings.DEFAULT_LOCK_TIMEOUT,
              Optional.empty(),
              List.of(),
              List.of(),
              List.of());
      Migrations m =
          Migrations.builder().database(db).settings(settings).models(List.of(events)).build();
      assertThat(m.check().differences())
          .extracting(MigrationOp::describe)
          .containsExactly("add table audit.events", "remove table audit.stale");
      m.revision("audit events", RevisionRequest.empty().withAutogenerate(true));
      m.upgrade("head", dev.svcinfra.migrate.RunOptions.DEFAULT.allowDestructive(true));
      assertThat(m.check().clean()).isTrue();
    }
  }
}
