package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live-rows-only index (issue 21) in each dialect's DDL: a partial index where the database has
 * one, the same expression as a functional key part (MySQL) or an invisible virtual column
 * (MariaDB), and a refusal where neither exists (DuckDB, H2, Snowflake).
 */
class LiveRowsIndexRenderingTest {
  static final Table USERS =
      Table.named("users")
          .withColumns(
              List.of(
                  Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                  Column.of("tenant_id", ColumnType.string(64)).notNull(),
                  Column.of("email", ColumnType.string(320)).notNull(),
                  Column.of("deleted_at", ColumnType.of(Kind.TIMESTAMP_TZ))))
          .withPrimaryKey(List.of("id"));
  static final Index EMAIL_LIVE =
      new Index("ux_users_email_live", List.of("email"), true).whereNull("deleted_at");
  static final Index EMAIL_LOWER_LIVE =
      new Index("ux_users_email_lower_live", List.of("email"), true, true).whereNull("deleted_at");
  static final Index TENANT_EMAIL_LIVE =
      new Index("ux_users_tenant_id_email_live", List.of("tenant_id", "email"), true)
          .whereNull("deleted_at");

  @Test
  void postgresqlSqliteAndSqlServerBuildPartialIndexes() {
    assertThat(Dialects.POSTGRESQL.createIndexStatement(USERS, EMAIL_LOWER_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX \"ux_users_email_lower_live\" ON \"users\" (lower(\"email\")) "
                + "WHERE \"deleted_at\" IS NULL");
    assertThat(Dialects.POSTGRESQL.createIndexStatement(USERS, TENANT_EMAIL_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX \"ux_users_tenant_id_email_live\" ON \"users\" "
                + "(\"tenant_id\", \"email\") WHERE \"deleted_at\" IS NULL");
    assertThat(Dialects.SQLITE.createIndexStatement(USERS, EMAIL_LOWER_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX \"ux_users_email_lower_live\" ON \"users\" "
                + "(svcinfra_lower(\"email\")) WHERE \"deleted_at\" IS NULL");
    assertThat(Dialects.MSSQL.createIndexStatement(USERS, EMAIL_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX [ux_users_email_live] ON [users] ([email]) "
                + "WHERE [deleted_at] IS NULL");
    // SQL Server: the filter stays on the real column (a filtered index's WHERE cannot name a
    // computed column) and the key is the computed LOWER() column.
    assertThat(Dialects.MSSQL.createIndexStatements(USERS, EMAIL_LOWER_LIVE))
        .containsExactly(
            "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[users]')"
                + " AND name = N'email__lower') ALTER TABLE [users] ADD [email__lower]"
                + " AS LOWER([email]) PERSISTED",
            "CREATE UNIQUE INDEX [ux_users_email_lower_live] ON [users] ([email__lower]) "
                + "WHERE [deleted_at] IS NULL");
    // Created with the table, after it.
    assertThat(Dialects.SQLITE.createTableStatements(USERS.withIndexes(List.of(EMAIL_LIVE))))
        .last()
        .isEqualTo(
            "CREATE UNIQUE INDEX \"ux_users_email_live\" ON \"users\" (\"email\") "
                + "WHERE \"deleted_at\" IS NULL");
  }

  @Test
  void mysqlIndexesTheLiveValueAsAFunctionalKeyPart() {
    assertThat(Dialects.MYSQL.createIndexStatement(USERS, EMAIL_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX `ux_users_email_live` ON `users` "
                + "((IF(`deleted_at` IS NULL, `email`, NULL)))");
    assertThat(Dialects.MYSQL.createIndexStatement(USERS, EMAIL_LOWER_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX `ux_users_email_lower_live` ON `users` "
                + "((IF(`deleted_at` IS NULL, lower(`email`), NULL)))");
    assertThat(Dialects.MYSQL.createIndexStatement(USERS, TENANT_EMAIL_LIVE))
        .isEqualTo(
            "CREATE UNIQUE INDEX `ux_users_tenant_id_email_live` ON `users` "
                + "((IF(`deleted_at` IS NULL, `tenant_id`, NULL)), "
                + "(IF(`deleted_at` IS NULL, `email`, NULL)))");
  }

  /** MySQL reports the key parts back as {@code STATISTICS.EXPRESSION}: read as the model's. */
  @Test
  void mysqlsReportedLiveKeyPartsReadBackAsTheModelsIndex() {
    assertThat(
            ExpressionIndexes.fromKeys(
                "ux_users_email_lower_live",
                true,
                List.of("if((`deleted_at` is null),lower(`email`),NULL)")))
        .isEqualTo(EMAIL_LOWER_LIVE);
    assertThat(
            ExpressionIndexes.fromKeys(
                "ux_users_tenant_id_email_live",
                true,
                List.of(
                    "if((`deleted_at` is null),`tenant_id`,NULL)",
                    "(IF(`deleted_at` IS NULL, `email`, NULL))")))
        .isEqualTo(TENANT_EMAIL_LIVE);
    // Another filter column per part, or another value, is no live-rows-only index.
    assertThat(
            ExpressionIndexes.fromKeys(
                    "ix",
                    true,
                    List.of(
                        "if((`deleted_at` is null),`tenant_id`,NULL)",
                        "if((`removed_at` is null),`email`,NULL)"))
                .whereNull())
        .isEmpty();
    assertThat(
            ExpressionIndexes.fromKeys(
                    "ix", true, List.of("if((`deleted_at` is null),substr(`email`, 1, 2),NULL)"))
                .whereNull())
        .isEmpty();
  }

  @Test
  void mariadbIndexesInvisibleVirtualLiveColumns() {
    assertThat(Dialects.MARIADB.createIndexStatement(USERS, EMAIL_LOWER_LIVE))
        .isEqualTo(
            "ALTER TABLE `users` ADD COLUMN IF NOT EXISTS `email__lower_live` VARCHAR(320) "
                + "CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (IF(`deleted_at` IS NULL, lower(`email`), NULL)) "
                + "VIRTUAL INVISIBLE, ADD UNIQUE INDEX `ux_users_email_lower_live` "
                + "(`email__lower_live`)");
    assertThat(Dialects.MARIADB.createIndexStatement(USERS, EMAIL_LIVE))
        .isEqualTo(
            "ALTER TABLE `users` ADD COLUMN IF NOT EXISTS `email__live` VARCHAR(320) "
                + "CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (IF(`deleted_at` IS NULL, `email`, NULL)) "
                + "VIRTUAL INVISIBLE, ADD UNIQUE INDEX `ux_users_email_live` (`email__live`)");
    // A longer email column changes its live column in the same statement.
    Column longer = Column.of("email", ColumnType.string(400)).notNull();
    assertThat(
            Dialects.MARIADB.alterColumnStatements(
                USERS.withIndexes(List.of(EMAIL_LIVE)), USERS.columns().get(2), longer))
        .last()
        .asString()
        .endsWith(
            ", MODIFY COLUMN IF EXISTS `email__live` VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin "
                + "AS (IF(`deleted_at` IS NULL, `email`, NULL)) VIRTUAL INVISIBLE");
  }

  @Test
  void databasesWithoutPartialIndexesRefuseThem() {
    for (Dialect d : List.of(Dialects.DUCKDB, Dialects.H2)) {
      assertThatThrownBy(() -> d.createIndexStatement(USERS, EMAIL_LIVE))
          .as(d.name())
          .isInstanceOf(UnsupportedDdlException.class)
          .hasMessageContaining("has no partial indexes")
          .hasMessageContaining("ux_users_email_live");
      assertThatThrownBy(() -> d.createTableStatements(USERS.withIndexes(List.of(EMAIL_LIVE))))
          .as(d.name())
          .isInstanceOf(UnsupportedDdlException.class);
    }
    // Snowflake has no indexes at all: left out of the table, refused on its own, as any index.
    assertThat(Dialects.SNOWFLAKE.createTableStatements(USERS.withIndexes(List.of(EMAIL_LIVE))))
        .noneMatch(sql -> sql.contains("ux_users_email_live"));
    assertThatThrownBy(() -> Dialects.SNOWFLAKE.createIndexStatement(USERS, EMAIL_LIVE))
        .hasMessageContaining("Snowflake tables have no indexes");
  }
}
