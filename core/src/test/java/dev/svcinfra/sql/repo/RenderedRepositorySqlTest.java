package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.RecordingConnection;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.testmodels.Account;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Repository SQL for databases without a server here, asserted statement by statement. The
 * recording connection answers each query with one row, so a short last page needs no COUNT and SQL
 * Server's OUTPUT clause makes the re-read after an update unnecessary.
 */
class RenderedRepositorySqlTest {
  static final SqlRepository<Account> ACCOUNTS =
      SqlRepository.builder(Account.class)
          .searchFields("owner")
          .orderFields("owner", "balance")
          .build();

  @Test
  void sqlServer() {
    RecordingConnection rec = new RecordingConnection();
    Transaction tx = rec.transaction(Dialects.MSSQL);
    ACCOUNTS.create(tx, Map.of("owner", "ann", "balance", "1.00"));
    ACCOUNTS.get(tx, 7);
    ACCOUNTS.list(
        tx, ListRequest.builder().search("a%n").limit(20).offset(40).orderBy("-balance").build());
    ACCOUNTS.update(tx, 7, Map.of("balance", "2.00"));
    ACCOUNTS.delete(tx, 7);
    ACCOUNTS.listAfter(tx, ListRequest.builder().limit(10).orderBy("owner").after(null).build());
    assertThat(rec.statements)
        .containsExactly(
            "INSERT INTO [accounts] ([owner], [balance]) OUTPUT INSERTED.[id], INSERTED.[owner], "
                + "INSERTED.[balance] VALUES (?, ?)",
            "SELECT [id], [owner], [balance] FROM [accounts] WHERE [id] = ?",
            "SELECT [id], [owner], [balance] FROM [accounts] WHERE (LOWER([owner]) LIKE LOWER(?) "
                + "ESCAPE '!') ORDER BY [balance] DESC, [id] ASC OFFSET 40 ROWS FETCH NEXT 20 ROWS ONLY",
            "UPDATE [accounts] SET [balance] = ? OUTPUT INSERTED.[id], INSERTED.[owner], "
                + "INSERTED.[balance] WHERE [id] = ?",
            "DELETE FROM [accounts] WHERE [id] = ?",
            "SELECT [id], [owner], [balance] FROM [accounts] ORDER BY [owner] ASC, [id] ASC "
                + "OFFSET 0 ROWS FETCH NEXT 11 ROWS ONLY");
    assertThat(Dialects.MSSQL.containsPattern("a%n[")).isEqualTo("%a!%n![%");
  }

  @Test
  void snowflake() {
    RecordingConnection rec = new RecordingConnection();
    Transaction tx = rec.transaction(Dialects.SNOWFLAKE);
    ACCOUNTS.create(tx, Map.of("owner", "ann", "balance", "1.00"));
    ACCOUNTS.list(
        tx, ListRequest.builder().search("ann", "owner").limit(20).orderBy("owner").build());
    ACCOUNTS.update(tx, 7, Map.of("owner", "bob"));
    ACCOUNTS.count(tx);
    assertThat(rec.statements)
        .containsExactly(
            "INSERT INTO \"accounts\" (\"owner\", \"balance\") VALUES (?, ?)",
            "SELECT \"id\", \"owner\", \"balance\" FROM \"accounts\" WHERE \"id\" = ?",
            "SELECT \"id\", \"owner\", \"balance\" FROM \"accounts\" WHERE (\"owner\" ILIKE ? "
                + "ESCAPE '!') ORDER BY \"owner\" ASC, \"id\" ASC LIMIT 20",
            "UPDATE \"accounts\" SET \"owner\" = ? WHERE \"id\" = ?",
            "SELECT \"id\", \"owner\", \"balance\" FROM \"accounts\" WHERE \"id\" = ?",
            "SELECT COUNT(*) FROM \"accounts\"");
  }

  /** Issue 16: the same NULL order (last ascending, first descending) in each dialect's words. */
  @Test
  void nullableSortKeysPutNullsLastAscendingOnDatabasesWeOnlyRender() {
    SqlRepository<NullOrderTest.Ranked> ranked = NullOrderTest.RANKED;
    Map<Dialect, String> expected =
        Map.of(
            Dialects.MYSQL,
                "SELECT `id`, `rank`, `label` FROM `ranked` ORDER BY (`rank` IS NULL) "
                    + "DESC, `rank` DESC, (`label` IS NULL) ASC, `label` ASC, `id` ASC LIMIT 10",
            Dialects.MSSQL,
                "SELECT [id], [rank], [label] FROM [ranked] ORDER BY CASE WHEN [rank] "
                    + "IS NULL THEN 1 ELSE 0 END DESC, [rank] DESC, CASE WHEN [label] IS NULL THEN 1 "
                    + "ELSE 0 END ASC, [label] ASC, [id] ASC OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY",
            Dialects.SNOWFLAKE,
                "SELECT \"id\", \"rank\", \"label\" FROM \"ranked\" ORDER BY "
                    + "\"rank\" DESC NULLS FIRST, \"label\" ASC NULLS LAST, \"id\" ASC LIMIT 10");
    expected.forEach(
        (dialect, sql) -> {
          RecordingConnection rec = new RecordingConnection();
          ranked.list(
              rec.transaction(dialect),
              ListRequest.builder().limit(10).orderBy("-rank", "label").build());
          assertThat(rec.statements).as(dialect.name()).containsExactly(sql);
        });
  }
}
