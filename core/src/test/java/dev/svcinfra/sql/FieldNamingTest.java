package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.CheckConstraint;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value the database refuses is reported on its field, not on {@code row} (issue 16), from what
 * each database tells: MySQL's and MariaDB's column in "Data too long / Out of range value for
 * column", the one column a named CHECK reads, the only CHECK of a table when the database does not
 * name it, the column of a single-assignment UPDATE when the database names none.
 */
class FieldNamingTest {
  static final Table ACCOUNTS =
      Table.named("accounts")
          .withColumns(
              List.of(
                  Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                  Column.of("email", ColumnType.string(320)),
                  Column.of("balance", ColumnType.decimal(19, 2))))
          .withChecks(List.of(new CheckConstraint("ck_accounts_balance", "\"balance\" >= 0")));

  private static String field(Dialect d, SQLException e, Table table, String sql) {
    DatabaseException translated = SqlFailures.translate(e, d, table, Duration.ZERO, sql);
    assertThat(translated).isInstanceOf(ValidationException.class);
    return ((ValidationException) translated).errors().get(0).field();
  }

  @Test
  void mysqlAndMariadbNameTheColumnOfAValueThatDoesNotFit() {
    for (Dialect d : List.of(Dialects.MYSQL, Dialects.MARIADB)) {
      assertThat(
              field(
                  d,
                  new SQLException("Data too long for column 'email' at row 1", "22001", 1406),
                  null,
                  null))
          .isEqualTo("email");
      assertThat(
              field(
                  d,
                  new SQLException(
                      "Out of range value for column 'balance' at row 1", "22003", 1264),
                  null,
                  null))
          .isEqualTo("balance");
    }
  }

  @Test
  void aNamedCheckIsReportedOnTheColumnItReads() {
    SQLException pg =
        new SQLException(
            "new row for relation \"accounts\" violates check "
                + "constraint \"ck_accounts_balance\"",
            "23514");
    // Without the server's details the constraint is unknown; the table's only CHECK is meant.
    assertThat(field(Dialects.POSTGRESQL, pg, ACCOUNTS, null)).isEqualTo("balance");
    SQLException duck =
        new SQLException(
            "Constraint Error: CHECK constraint failed on table "
                + "accounts with expression CHECK((balance >= 0))");
    assertThat(field(Dialects.DUCKDB, duck, ACCOUNTS, null)).isEqualTo("balance");
    Table twoChecks =
        ACCOUNTS.withChecks(
            List.of(
                ACCOUNTS.checks().get(0), new CheckConstraint("ck_accounts_email", "email <> ''")));
    assertThat(field(Dialects.DUCKDB, duck, twoChecks, null)).isEqualTo("row");
    SQLException mariadb =
        new SQLException(
            "CONSTRAINT `ck_accounts_email` failed for " + "`db`.`accounts`", "23000", 4025);
    assertThat(field(Dialects.MARIADB, mariadb, twoChecks, null)).isEqualTo("email");
    Table spanning =
        ACCOUNTS.withChecks(
            List.of(new CheckConstraint("ck_accounts_both", "balance >= 0 OR email IS NULL")));
    assertThat(
            field(
                Dialects.MARIADB,
                new SQLException(
                    "CONSTRAINT `ck_accounts_both` failed " + "for `db`.`accounts`", "23000", 4025),
                spanning,
                null))
        .isEqualTo("ck_accounts_both");
  }

  @Test
  void anOverflowInAOneColumnUpdateNamesThatColumn() {
    SQLException overflow = new SQLException("ERROR: numeric field overflow", "22003");
    assertThat(
            field(
                Dialects.POSTGRESQL,
                overflow,
                ACCOUNTS,
                "UPDATE accounts SET balance = balance + ? WHERE id = ?"))
        .isEqualTo("balance");
    assertThat(
            field(
                Dialects.POSTGRESQL,
                overflow,
                ACCOUNTS,
                "UPDATE \"accounts\" SET \"balance\" = ? WHERE \"id\" = ?"))
        .isEqualTo("balance");
    // Two assignments, or a statement that is not such an UPDATE: the column is not known.
    assertThat(
            field(
                Dialects.POSTGRESQL,
                overflow,
                ACCOUNTS,
                "UPDATE accounts SET balance = ?, email = ? WHERE id = ?"))
        .isEqualTo("row");
    assertThat(
            field(
                Dialects.POSTGRESQL,
                overflow,
                ACCOUNTS,
                "INSERT INTO accounts (balance) VALUES (?)"))
        .isEqualTo("row");
    assertThat(
            field(
                Dialects.POSTGRESQL,
                overflow,
                ACCOUNTS,
                "UPDATE accounts SET nope = 1 WHERE id = 1"))
        .isEqualTo("row");
  }

  @Test
  void sqliteNamesTheColumnOfAFailedDecimalCheck() {
    SQLException e =
        new SQLException(
            "[SQLITE_CONSTRAINT_CHECK] A CHECK constraint failed "
                + "(CHECK constraint failed: decimal(balance))",
            null,
            275);
    assertThat(field(Dialects.SQLITE, e, null, null)).isEqualTo("balance");
  }
}
