package dev.svcinfra.sql.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table and the store's statements as each dialect renders them, the ones without a server here
 * (MySQL, SQL Server, Snowflake) included: binary collations on the text columns where a server
 * default would ignore case, every column quoted as the DDL quotes it.
 */
class IdempotencyTableSqlTest {
  @Test
  void mysqlTable() {
    assertThat(Dialects.MYSQL.createTableStatements(IdempotencyRecord.table()))
        .containsExactly(
            """
            CREATE TABLE `svc_idempotency_keys` (
              `key_hash` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
              `request_hash` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
              `claim` VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
              `locked_until` BIGINT,
              `expires_at` BIGINT NOT NULL,
              `response_status` INTEGER,
              `response_headers` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
              `response_body` LONGBLOB,
              `created_at` BIGINT NOT NULL,
              CONSTRAINT `pk_svc_idempotency_keys` PRIMARY KEY (`key_hash`)
            )""",
            "CREATE INDEX `ix_svc_idempotency_keys_expires_at` ON `svc_idempotency_keys`"
                + " (`expires_at`)");
  }

  @Test
  void sqlServerTable() {
    assertThat(Dialects.MSSQL.createTableStatements(IdempotencyRecord.table()))
        .containsExactly(
            """
            CREATE TABLE [svc_idempotency_keys] (
              [key_hash] NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
              [request_hash] NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
              [claim] NVARCHAR(36) COLLATE Latin1_General_100_BIN2,
              [locked_until] BIGINT,
              [expires_at] BIGINT NOT NULL,
              [response_status] INT,
              [response_headers] NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2,
              [response_body] VARBINARY(MAX),
              [created_at] BIGINT NOT NULL,
              CONSTRAINT [pk_svc_idempotency_keys] PRIMARY KEY ([key_hash])
            )""",
            "CREATE INDEX [ix_svc_idempotency_keys_expires_at] ON [svc_idempotency_keys]"
                + " ([expires_at])");
  }

  /** Snowflake renders the table (without the index it cannot have) but enforces no key. */
  @Test
  void snowflakeTableAndItsInformationalKey() {
    assertThat(Dialects.SNOWFLAKE.createTableStatements(IdempotencyRecord.table()))
        .containsExactly(
            """
            CREATE TABLE "svc_idempotency_keys" (
              "key_hash" VARCHAR(64) COLLATE 'utf8' NOT NULL,
              "request_hash" VARCHAR(64) COLLATE 'utf8' NOT NULL,
              "claim" VARCHAR(36) COLLATE 'utf8',
              "locked_until" BIGINT,
              "expires_at" BIGINT NOT NULL,
              "response_status" INTEGER,
              "response_headers" TEXT COLLATE 'utf8',
              "response_body" BINARY,
              "created_at" BIGINT NOT NULL,
              CONSTRAINT "pk_svc_idempotency_keys" PRIMARY KEY ("key_hash")
            )""");
    assertThat(Dialects.SNOWFLAKE.enforcesUniqueConstraints()).isFalse();
    for (Dialect d : List.of(Dialects.POSTGRESQL, Dialects.MYSQL, Dialects.MARIADB)) {
      assertThat(d.enforcesUniqueConstraints()).as(d.name()).isTrue();
    }
    for (Dialect d : List.of(Dialects.SQLITE, Dialects.DUCKDB, Dialects.MSSQL, Dialects.H2)) {
      assertThat(d.enforcesUniqueConstraints()).as(d.name()).isTrue();
    }
  }

  @Test
  void statementsQuoteEveryColumn() {
    IdempotencyStatements mysql = new IdempotencyStatements(Dialects.MYSQL);
    assertThat(mysql.find("k").sql())
        .isEqualTo(
            "SELECT `request_hash`, `claim`, `locked_until`, `expires_at`, `response_status`,"
                + " `response_headers`, `response_body` FROM `svc_idempotency_keys` WHERE"
                + " `key_hash` = ?");
    IdempotencyStatements mssql = new IdempotencyStatements(Dialects.MSSQL);
    assertThat(mssql.insert("k", "r", "t", 2, 3, 1).sql())
        .isEqualTo(
            "INSERT INTO [svc_idempotency_keys] ([key_hash], [request_hash], [claim],"
                + " [locked_until], [expires_at], [created_at]) VALUES (?, ?, ?, ?, ?, ?)");
    assertThat(mssql.takeOver("k", "old", "new", 2, 1).sql())
        .isEqualTo(
            "UPDATE [svc_idempotency_keys] SET [claim] = ?, [locked_until] = ? WHERE [key_hash] ="
                + " ? AND [claim] = ? AND [locked_until] <= ?");
    IdempotencyStatements snowflake = new IdempotencyStatements(Dialects.SNOWFLAKE);
    assertThat(snowflake.complete("k", "t", 201, "{}", new byte[0]).sql())
        .isEqualTo(
            "UPDATE \"svc_idempotency_keys\" SET \"claim\" = NULL, \"locked_until\" = NULL,"
                + " \"response_status\" = ?, \"response_headers\" = ?, \"response_body\" = ?"
                + " WHERE \"key_hash\" = ? AND \"claim\" = ?");
    assertThat(snowflake.reclaimExpired("k", "r", "t", 2, 3, 1).sql())
        .isEqualTo(
            "UPDATE \"svc_idempotency_keys\" SET \"request_hash\" = ?, \"claim\" = ?,"
                + " \"locked_until\" = ?, \"expires_at\" = ?, \"created_at\" = ?,"
                + " \"response_status\" = NULL, \"response_headers\" = NULL,"
                + " \"response_body\" = NULL WHERE \"key_hash\" = ? AND \"expires_at\" <= ?");
    assertThat(snowflake.release("k", "t").sql())
        .isEqualTo("DELETE FROM \"svc_idempotency_keys\" WHERE \"key_hash\" = ? AND \"claim\" = ?");
    assertThat(snowflake.purge(1).sql())
        .isEqualTo("DELETE FROM \"svc_idempotency_keys\" WHERE \"expires_at\" <= ?");
  }
}
