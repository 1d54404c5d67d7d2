package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.Env;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.NewRevision;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionFile;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autogenerate writes the quickstart's models for SQL Server from a SQLite or PostgreSQL connection
 * ({@code ALEMBIC_DIALECTS=mssql}, issue 22): the users' email, unique ignoring case among live
 * rows, is a persisted computed {@code LOWER(email)} column under a unique index filtered on {@code
 * deleted_at}; the trigram indexes are left out; the downgrade drops every table the upgrade
 * created. There is no SQL Server here: the section is asserted statement by statement.
 */
class SqlServerAutogenerateTest {
  @TempDir static Path dir;

  static Stream<String> databases() {
    return Stream.of(
        "sqlite:///" + dir.resolve(UUID.randomUUID() + ".db").toAbsolutePath(),
        TestServices.newPostgresDatabase());
  }

  static final List<String> UPGRADE =
      List.of(
          "CREATE TABLE [users] (\n"
              // SQL Server makes a primary key column NOT NULL by itself.
              + "  [id] UNIQUEIDENTIFIER,\n"
              + "  [email] NVARCHAR(320) COLLATE Latin1_General_100_BIN2 NOT NULL,\n"
              + "  [name] NVARCHAR(200) COLLATE Latin1_General_100_BIN2,\n"
              + "  [created_at] DATETIMEOFFSET(6) NOT NULL,\n"
              + "  [updated_at] DATETIMEOFFSET(6) NOT NULL,\n"
              + "  [deleted_at] DATETIMEOFFSET(6),\n"
              + "  CONSTRAINT [pk_users] PRIMARY KEY ([id])\n"
              + ")",
          "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[users]')"
              + " AND name = N'email__lower') ALTER TABLE [users] ADD [email__lower]"
              + " AS LOWER([email]) PERSISTED",
          "CREATE UNIQUE INDEX [ux_users_email_lower_live] ON [users] ([email__lower])"
              + " WHERE [deleted_at] IS NULL",
          "CREATE INDEX [ix_users_created_at] ON [users] ([created_at])",
          "CREATE TABLE [notes] (\n"
              + "  [id] BIGINT IDENTITY(1,1) NOT NULL,\n"
              + "  [tenant_id] NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,\n"
              + "  [title] NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,\n"
              + "  [body] NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2,\n"
              + "  [created_at] DATETIMEOFFSET(6) NOT NULL,\n"
              + "  CONSTRAINT [pk_notes] PRIMARY KEY ([id])\n"
              + ")",
          "CREATE INDEX [ix_notes_tenant_id] ON [notes] ([tenant_id])",
          "CREATE TABLE [accounts] (\n"
              + "  [id] BIGINT IDENTITY(1,1) NOT NULL,\n"
              + "  [owner] NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,\n"
              + "  [balance] DECIMAL(19, 2) DEFAULT 0 NOT NULL,\n"
              + "  CONSTRAINT [pk_accounts] PRIMARY KEY ([id]),\n"
              + "  CONSTRAINT [ck_accounts_balance] CHECK (balance >= 0)\n"
              + ")");

  static final List<String> DOWNGRADE =
      List.of("DROP TABLE [accounts]", "DROP TABLE [notes]", "DROP TABLE [users]");

  @ParameterizedTest
  @MethodSource("databases")
  void theQuickstartModelsRenderForSqlServer(String url) throws Exception {
    Path scripts = Files.createTempDirectory(dir, "scripts");
    Files.createDirectories(scripts.resolve("versions"));
    try (Database db = Database.open(url)) {
      Migrations m =
          Migrations.builder()
              .database(db)
              .settings(
                  MigrationSettings.from(
                      Env.of(
                          Map.of(
                              "ALEMBIC_SCRIPT_LOCATION",
                              scripts.toString(),
                              "ALEMBIC_DIALECTS",
                              "mssql")),
                      Optional.empty(),
                      Optional.empty()))
              .models(
                  List.of(
                      TableMapping.of(User.class).table(),
                      TableMapping.of(Note.class).table(),
                      TableMapping.of(Account.class).table()))
              .build();
      NewRevision r = m.revision("quickstart", RevisionRequest.empty().withAutogenerate(true));
      Path file = r.file().orElseThrow();
      Revision revision = RevisionFile.parse(Files.readString(file), file.toString());
      SqlScript script = (SqlScript) revision.body();
      List<String> upgrade = script.statements(Direction.UPGRADE, "mssql");
      List<String> downgrade = script.statements(Direction.DOWNGRADE, "mssql");
      assertThat(upgrade.stream().map(SqlServerAutogenerateTest::withoutComments))
          .containsExactlyElementsOf(UPGRADE);
      assertThat(downgrade.stream().map(SqlServerAutogenerateTest::withoutComments))
          .containsExactlyElementsOf(DOWNGRADE);
    }
  }

  /** A statement without the comment lines a revision file may keep with it. */
  private static String withoutComments(String statement) {
    return statement
        .lines()
        .filter(line -> !line.strip().startsWith("--"))
        .reduce((a, b) -> a + "\n" + b)
        .orElse("")
        .strip();
  }
}
