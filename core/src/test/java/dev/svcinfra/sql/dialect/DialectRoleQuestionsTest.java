package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.dialect.internal.BackupRestore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What callers outside this package used to decide by dialect name (issue 17): which tables are the
 * database's own, which constraint names mean "primary key", how a backup is restore-tested.
 */
class DialectRoleQuestionsTest {

  @Test
  void systemTablesAreEachDatabasesOwn() {
    assertThat(Dialects.POSTGRESQL.isSystemTable("pg_catalog", "pg_class")).isTrue();
    assertThat(Dialects.POSTGRESQL.isSystemTable("pg_toast", "pg_toast_2619")).isTrue();
    assertThat(Dialects.POSTGRESQL.isSystemTable("pg_temp_3", "scratch")).isTrue();
    assertThat(Dialects.POSTGRESQL.isSystemTable("information_schema", "sql_parts")).isTrue();
    assertThat(Dialects.POSTGRESQL.isSystemTable("public", "accounts")).isFalse();
    // A user schema that merely starts like a catalog word is the user's.
    assertThat(Dialects.POSTGRESQL.isSystemTable("pgcatalog", "accounts")).isFalse();
    assertThat(Dialects.SQLITE.isSystemTable(null, "sqlite_sequence")).isTrue();
    assertThat(Dialects.SQLITE.isSystemTable(null, "SQLITE_STAT1")).isTrue();
    assertThat(Dialects.SQLITE.isSystemTable(null, "sqlitefans")).isFalse();
    // Only SQLite reserves sqlite_ names: elsewhere such a table is the application's.
    for (Dialect d : Dialects.all()) {
      assertThat(d.isSystemTable(null, "accounts")).as(d.name()).isFalse();
      assertThat(d.isSystemTable("INFORMATION_SCHEMA", "TABLES")).as(d.name()).isTrue();
      assertThat(d.isSystemTable(null, "sqlite_sequence"))
          .as(d.name())
          .isEqualTo(d == Dialects.SQLITE);
    }
  }

  @Test
  void primaryKeyNamesAreTheDdlsAndEachDatabasesOwn() {
    for (Dialect d : Dialects.all()) {
      assertThat(d.isPrimaryKeyName("pk_accounts", "accounts")).as(d.name()).isTrue();
      assertThat(d.isPrimaryKeyName("PK_ACCOUNTS", "accounts")).as(d.name()).isTrue();
      assertThat(d.isPrimaryKeyName("uq_accounts_email", "accounts")).as(d.name()).isFalse();
      assertThat(d.isPrimaryKeyName("pk_accounts_old", "accounts")).as(d.name()).isFalse();
    }
    assertThat(Dialects.MYSQL.isPrimaryKeyName("PRIMARY", "accounts")).isTrue();
    assertThat(Dialects.MARIADB.isPrimaryKeyName("PRIMARY", "accounts")).isTrue();
    assertThat(Dialects.POSTGRESQL.isPrimaryKeyName("PRIMARY", "accounts")).isFalse();
    assertThat(Dialects.POSTGRESQL.isPrimaryKeyName("accounts_pkey", "accounts")).isTrue();
    assertThat(Dialects.MYSQL.isPrimaryKeyName("accounts_pkey", "accounts")).isFalse();
  }

  @Test
  void onlyPostgresqlAndSqliteOfferARestoreTest() {
    assertThat(Dialects.POSTGRESQL.backupRestore()).contains(BackupRestore.POSTGRES_CLIENT_TOOLS);
    assertThat(Dialects.SQLITE.backupRestore()).contains(BackupRestore.SQLITE_FILE);
    for (Dialect d : Dialects.all()) {
      if (d != Dialects.POSTGRESQL && d != Dialects.SQLITE) {
        assertThat(d.backupRestore()).as(d.name()).isEqualTo(Optional.empty());
      }
    }
  }
}
