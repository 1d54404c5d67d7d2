package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.ops.Operations;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operations rendered statement by statement for every dialect, SQL Server and Snowflake too. */
class OpRendererTest {
  static final Table USERS =
      Table.named("users")
          .withColumns(
              List.of(
                  Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                  Column.of("name", ColumnType.string(100))))
          .withPrimaryKey(List.of("id"));
  static final Column AGE =
      Column.of("age", ColumnType.of(Kind.INTEGER)).notNull().withDefault("0");
  static final MigrationOp ADD = new MigrationOp.AddColumn(USERS, AGE);
  static final MigrationOp ALTER =
      new MigrationOp.AlterColumn(
          USERS,
          Column.of("name", ColumnType.string(100)),
          Column.of("name", ColumnType.string(200)).notNull());
  static final MigrationOp RENAME = new MigrationOp.RenameColumn(USERS, "name", "full_name");
  static final MigrationOp UNIQUE =
      new MigrationOp.AddUnique(USERS, new UniqueConstraint("uq_users_name", List.of("name")));
  static final MigrationOp FK =
      new MigrationOp.AddForeignKey(USERS, ForeignKey.of("fk_users_org", "org_id", "orgs", "id"));

  static List<String> render(Dialect d, MigrationOp op) {
    return new OpRenderer(d).render(List.of(op));
  }

  @Test
  void postgresql() {
    Dialect d = Dialects.POSTGRESQL;
    assertThat(render(d, ADD))
        .containsExactly("ALTER TABLE \"users\" ADD COLUMN \"age\" INTEGER DEFAULT 0 NOT NULL");
    assertThat(render(d, ALTER))
        .containsExactly(
            "ALTER TABLE \"users\" ALTER COLUMN \"name\" TYPE VARCHAR(200)",
            "ALTER TABLE \"users\" ALTER COLUMN \"name\" SET NOT NULL");
    assertThat(render(d, ALTER.inverse()))
        .containsExactly(
            "ALTER TABLE \"users\" ALTER COLUMN \"name\" TYPE VARCHAR(100)",
            "ALTER TABLE \"users\" ALTER COLUMN \"name\" DROP NOT NULL");
    assertThat(render(d, RENAME))
        .containsExactly("ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\"");
    assertThat(render(d, UNIQUE.inverse()))
        .containsExactly("ALTER TABLE \"users\" DROP CONSTRAINT \"uq_users_name\"");
    assertThat(render(d, FK))
        .containsExactly(
            "ALTER TABLE \"users\" ADD CONSTRAINT \"fk_users_org\" "
                + "FOREIGN KEY (\"org_id\") REFERENCES \"orgs\" (\"id\")");
  }

  @Test
  void mysqlAndMariadbRestateTheColumnAndDropIndexesAndForeignKeysByKind() {
    for (Dialect d : List.of(Dialects.MYSQL, Dialects.MARIADB)) {
      // The restated column keeps its binary collation (issue 16).
      String bin = d == Dialects.MYSQL ? "utf8mb4_0900_bin" : "utf8mb4_nopad_bin";
      assertThat(render(d, ALTER))
          .containsExactly(
              "ALTER TABLE `users` MODIFY COLUMN `name` "
                  + "VARCHAR(200) CHARACTER SET utf8mb4 COLLATE "
                  + bin
                  + " NOT NULL");
      assertThat(render(d, UNIQUE.inverse()))
          .containsExactly("ALTER TABLE `users` DROP INDEX `uq_users_name`");
      assertThat(render(d, FK.inverse()))
          .containsExactly("ALTER TABLE `users` DROP FOREIGN KEY `fk_users_org`");
    }
  }

  @Test
  void sqliteRefusesWhatItsAlterTableCannotDo() {
    Dialect d = Dialects.SQLITE;
    assertThat(render(d, ADD))
        .containsExactly("ALTER TABLE \"users\" ADD COLUMN \"age\" INTEGER DEFAULT 0 NOT NULL");
    assertThat(render(d, UNIQUE))
        .containsExactly("CREATE UNIQUE INDEX \"uq_users_name\" ON \"users\" (\"name\")");
    assertThatThrownBy(() -> render(d, ALTER))
        .isInstanceOf(UnsupportedDdlException.class)
        .hasMessageContaining("users.name")
        .hasMessageContaining("rebuild the table");
    assertThatThrownBy(() -> render(d, FK)).isInstanceOf(UnsupportedDdlException.class);
    assertThatThrownBy(() -> render(Dialects.DUCKDB, FK))
        .isInstanceOf(UnsupportedDdlException.class);
  }

  @Test
  void sqlServerUsesSpRenameAndAlterColumnWithNullability() {
    Dialect d = Dialects.MSSQL;
    assertThat(render(d, ADD))
        .containsExactly("ALTER TABLE [users] ADD [age] INT DEFAULT 0 NOT NULL");
    // ALTER COLUMN without COLLATE would fall back to the database's default collation.
    assertThat(render(d, ALTER))
        .containsExactly(
            "ALTER TABLE [users] ALTER COLUMN [name] "
                + "NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL");
    assertThat(render(d, RENAME))
        .containsExactly("EXEC sp_rename N'users.name', N'full_name', 'COLUMN'");
    assertThat(render(d, new MigrationOp.RenameTable(USERS, "people")))
        .containsExactly("EXEC sp_rename N'people', N'users'");
    assertThatThrownBy(
            () -> render(d, new MigrationOp.AlterColumn(USERS, AGE, AGE.withDefault("1"))))
        .isInstanceOf(UnsupportedDdlException.class)
        .hasMessageContaining("named constraints");
  }

  @Test
  void snowflake() {
    Dialect d = Dialects.SNOWFLAKE;
    assertThat(render(d, RENAME))
        .containsExactly("ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\"");
    assertThat(render(d, new MigrationOp.RenameTable(USERS, "people")))
        .containsExactly("ALTER TABLE \"people\" RENAME TO \"users\"");
  }

  @Test
  void downgradeIsTheReversedInverse() {
    List<MigrationOp> up = List.of(ADD, RENAME);
    assertThat(Operations.downgrade(up))
        .containsExactly(
            new MigrationOp.RenameColumn(USERS, "full_name", "name"),
            new MigrationOp.DropColumn(USERS, AGE));
    assertThat(new MigrationOp.CreateTable(USERS).inverse().inverse())
        .isEqualTo(new MigrationOp.CreateTable(USERS));
  }

  @Test
  void versionTableDdlAndLiteralsPerDialect() {
    assertThat(Dialects.POSTGRESQL.createVersionTable("v"))
        .containsExactly(
            "CREATE TABLE \"v\" (version_num VARCHAR(64) NOT NULL, CONSTRAINT \"v_pkc\" PRIMARY KEY (version_num))");
    // issue 17: where a server default ignores case, version_num names the binary collation
    assertThat(Dialects.MARIADB.createVersionTable("v").get(0))
        .contains(
            "version_num VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL");
    assertThat(Dialects.MYSQL.createVersionTable("v").get(0))
        .contains(
            "version_num VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL");
    assertThat(Dialects.MSSQL.createVersionTable("v").get(0))
        .contains("version_num VARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL");
    assertThat(Dialects.SNOWFLAKE.createVersionTable("v").get(0))
        .contains("version_num VARCHAR(64) COLLATE 'utf8' NOT NULL");
    assertThat(Dialects.SQLITE.createVersionTable("v").get(0))
        .contains("version_num VARCHAR(64) NOT NULL");
    assertThat(Dialects.DUCKDB.createVersionTable("v").get(0))
        .contains("version_num VARCHAR(64) NOT NULL");
    assertThat(Dialects.MSSQL.createHistoryTable("h").get(0))
        .contains("applied_at DATETIME2 NOT NULL");
    assertThat(Dialects.MARIADB.createHistoryTable("h").get(0))
        .contains("applied_at DATETIME(3) NOT NULL");
    assertThat(Dialects.MYSQL.stringLiteral("a'b\\c")).isEqualTo("'a''b\\\\c'");
    assertThat(Dialects.POSTGRESQL.stringLiteral("a'b\\c")).isEqualTo("'a''b\\c'");
    assertThat(Dialects.MSSQL.stringLiteral("x")).isEqualTo("N'x'");
  }

  @Test
  void dialectsRenderingTheSameSqlShareOneSectionPair() {
    AutogenResult result =
        Autogenerate.render(
            List.of(ADD), List.of(Dialects.POSTGRESQL, Dialects.MYSQL, Dialects.MARIADB), false);
    assertThat(result.sections())
        .extracting(s -> s.dialects().stream().sorted().toList())
        .containsExactly(
            List.of("postgresql"),
            List.of("postgresql"),
            List.of("mariadb", "mysql"),
            List.of("mariadb", "mysql"));
    assertThat(result.sections().get(2).text()).contains("`users`").contains("`age`");
  }

  static final dev.svcinfra.sql.model.internal.Index NAME_TRIGRAM =
      new dev.svcinfra.sql.model.internal.Index(
          "ix_users_name_trgm", List.of("name"), false, false, true);

  @Test
  void trigramIndexesAndTheirExtensionRenderOnPostgresOnlyAndTheDowngradeKeepsTheExtension() {
    List<MigrationOp> up =
        List.of(
            new MigrationOp.CreateExtension("pg_trgm"),
            new MigrationOp.CreateIndex(USERS, NAME_TRIGRAM));
    List<MigrationOp> down = Operations.downgrade(up);
    assertThat(down)
        .containsExactly(
            new MigrationOp.DropIndex(USERS, NAME_TRIGRAM),
            new MigrationOp.KeepExtension("pg_trgm"));
    assertThat(new OpRenderer(Dialects.POSTGRESQL).render(up))
        .containsExactly(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX \"ix_users_name_trgm\" ON \"users\" USING gin (\"name\" gin_trgm_ops)");
    assertThat(new OpRenderer(Dialects.POSTGRESQL).render(down))
        .containsExactly("DROP INDEX \"ix_users_name_trgm\"");
    for (Dialect d :
        List.of(
            Dialects.SQLITE,
            Dialects.MYSQL,
            Dialects.MARIADB,
            Dialects.MSSQL,
            Dialects.SNOWFLAKE,
            Dialects.DUCKDB)) {
      assertThat(new OpRenderer(d).render(up)).as(d.name()).isEmpty();
      assertThat(new OpRenderer(d).render(down)).as(d.name()).isEmpty();
    }
    assertThat(up.get(0).describe()).isEqualTo("add extension pg_trgm");
    assertThat(up.get(1).describe())
        .isEqualTo("add trigram index ix_users_name_trgm on users [name]");
    assertThat(down.get(1).inverse()).isEqualTo(up.get(0));
  }

  @Test
  void aRevisionForSeveralDialectsCarriesTheTrigramIndexInThePostgresSectionsOnly() {
    AutogenResult result =
        Autogenerate.render(
            List.of(
                new MigrationOp.CreateExtension("pg_trgm"),
                new MigrationOp.CreateIndex(USERS, NAME_TRIGRAM)),
            List.of(Dialects.POSTGRESQL, Dialects.SQLITE, Dialects.MYSQL, Dialects.MARIADB),
            false);
    assertThat(result.sections())
        .extracting(s -> s.dialects().stream().sorted().toList())
        .containsExactly(
            List.of("postgresql"),
            List.of("postgresql"),
            List.of("mariadb", "mysql", "sqlite"),
            List.of("mariadb", "mysql", "sqlite"));
    assertThat(result.sections().get(0).text())
        .isEqualTo(
            """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX "ix_users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops);
            """);
    assertThat(result.sections().get(1).text()).isEqualTo("DROP INDEX \"ix_users_name_trgm\";\n");
    assertThat(result.sections().get(2).text()).isEmpty();
    assertThat(result.sections().get(3).text()).isEmpty();
  }
}
