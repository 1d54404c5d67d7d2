package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.RecordingConnection;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.testmodels.Account;
import org.junit.jupiter.api.Test;

/**
 * The statements of a planned total (issue 23) on databases without a server here: MySQL explains
 * the list's filter, SQL Server and Snowflake count it up to the bound. A page of one row with a
 * limit of one is full, so its total needs a statement.
 */
class RenderedCountSqlTest {
  static final SqlRepository<Account> ACCOUNTS =
      SqlRepository.builder(Account.class).searchFields("owner").build();

  private static String totalStatement(Dialect dialect, CountMode mode) {
    RecordingConnection rec = new RecordingConnection();
    Transaction tx = rec.transaction(dialect);
    Page<Account> page =
        ACCOUNTS.list(tx, ListRequest.builder().search("ann").limit(1).count(mode).build());
    assertThat(page.items()).hasSize(1);
    assertThat(rec.statements).hasSize(mode == CountMode.NONE ? 1 : 2);
    return rec.statements.get(rec.statements.size() - 1);
  }

  @Test
  void mysqlExplainsTheFilter() {
    assertThat(totalStatement(Dialects.MYSQL, CountMode.PLANNED))
        .isEqualTo(
            "EXPLAIN SELECT 1 FROM `accounts` WHERE (LOWER(`owner`) LIKE LOWER(?) ESCAPE '!')");
  }

  @Test
  void sqlServerAndSnowflakeCountUpToTheBound() {
    assertThat(totalStatement(Dialects.MSSQL, CountMode.PLANNED))
        .isEqualTo(
            "SELECT COUNT(*) FROM (SELECT 1 FROM [accounts] WHERE (LOWER([owner]) LIKE LOWER(?)"
                + " ESCAPE '!') ORDER BY (SELECT NULL) OFFSET 0 ROWS FETCH NEXT 10001 ROWS ONLY)"
                + " bounded");
    assertThat(totalStatement(Dialects.SNOWFLAKE, CountMode.PLANNED))
        .isEqualTo(
            "SELECT COUNT(*) FROM (SELECT 1 FROM \"accounts\" WHERE (\"owner\" ILIKE ? ESCAPE '!')"
                + " LIMIT 10001) bounded");
  }

  @Test
  void exactAndNoneAlike() {
    assertThat(totalStatement(Dialects.MSSQL, CountMode.EXACT))
        .isEqualTo(
            "SELECT COUNT(*) FROM [accounts] WHERE (LOWER([owner]) LIKE LOWER(?) ESCAPE '!')");
    assertThat(totalStatement(Dialects.MYSQL, CountMode.NONE)).startsWith("SELECT `id`");
  }
}
