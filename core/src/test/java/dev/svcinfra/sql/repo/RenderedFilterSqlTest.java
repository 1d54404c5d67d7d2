package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.RecordingConnection;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.repo.Filter.Operator;
import dev.svcinfra.sql.testmodels.Account;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the SQL of a list with one filter of each operator, for every dialect (MySQL, SQL
 * Server and Snowflake have no server here). Equality, ranges, lists and null tests compare the
 * bare column; the prefix uses the dialect's ignore-case match, as the search does.
 */
class RenderedFilterSqlTest {
  static final SqlRepository<Account> ACCOUNTS = SqlRepository.of(Account.class);

  static final ListRequest EVERY_OPERATOR =
      ListRequest.builder()
          .where(Filter.of("owner", Operator.EQ, "ann"))
          .where(Filter.of("owner", Operator.NE, "bob"))
          .where(Filter.of("balance", Operator.GT, "1"))
          .where(Filter.of("balance", Operator.GTE, "2"))
          .where(Filter.of("balance", Operator.LT, "30"))
          .where(Filter.of("balance", Operator.LTE, "40"))
          .where(Filter.of("id", Operator.IN, 1, 2))
          .where(Filter.of("owner", Operator.IS_NOT_NULL))
          .where(Filter.of("balance", Operator.IS_NULL))
          .where(Filter.of("owner", Operator.PREFIX, "a%_["))
          .limit(10)
          .build();

  static String rendered(Dialect dialect) {
    RecordingConnection rec = new RecordingConnection();
    ACCOUNTS.list(rec.transaction(dialect), EVERY_OPERATOR);
    assertThat(rec.statements).hasSize(1);
    return rec.statements.get(0);
  }

  static String where(String q, String prefix) {
    return ("WHERE #owner# = ? AND #owner# <> ? AND #balance# > ? AND #balance# >= ? AND "
            + "#balance# < ? AND #balance# <= ? AND #id# IN (?, ?) AND #owner# IS NOT NULL AND "
            + "#balance# IS NULL AND "
            + prefix)
        .replace("#", q);
  }

  @Test
  void everyOperatorInEveryDialect() {
    Map<Dialect, String> expected =
        Map.of(
            Dialects.POSTGRESQL,
            where("\"", "\"owner\" ILIKE ? ESCAPE '!'"),
            Dialects.SNOWFLAKE,
            where("\"", "\"owner\" ILIKE ? ESCAPE '!'"),
            Dialects.DUCKDB,
            where("\"", "\"owner\" ILIKE ? ESCAPE '!'"),
            Dialects.MYSQL,
            where("`", "LOWER(`owner`) LIKE LOWER(?) ESCAPE '!'"),
            Dialects.MARIADB,
            where("`", "LOWER(`owner`) LIKE LOWER(?) ESCAPE '!'"),
            Dialects.SQLITE,
            where("\"", "svcinfra_lower(\"owner\") LIKE svcinfra_lower(?) ESCAPE '!'"),
            Dialects.MSSQL,
            where("§", "LOWER([owner]) LIKE LOWER(?) ESCAPE '!'").replaceAll("§(\\w+)§", "[$1]"));
    expected.forEach(
        (dialect, where) -> assertThat(rendered(dialect)).as("%s", dialect).contains(where + " "));
  }

  @Test
  void thePrefixPatternEscapesEachDialectsWildcards() {
    assertThat(Dialects.POSTGRESQL.prefixPattern("a%_!b")).isEqualTo("a!%!_!!b%");
    assertThat(Dialects.MYSQL.prefixPattern("a\\b")).isEqualTo("a\\b%");
    assertThat(Dialects.MSSQL.prefixPattern("a[b")).isEqualTo("a![b%");
  }
}
