package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL each dialect renders for the hooks the data layer uses; no database needed. */
class DialectSqlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | "user"    | "we""ird"
      mysql      | `user`    | `we"ird`
      mariadb    | `user`    | `we"ird`
      sqlite     | "user"    | "we""ird"
      mssql      | [user]    | [we"ird]
      snowflake  | "user"    | "we""ird"
      duckdb     | "user"    | "we""ird"
      h2         | "user"    | "we""ird"
      """)
  void quoting(String dialect, String user, String weird) {
    Dialect d = Dialects.byName(dialect);
    assertThat(d.quote("user")).isEqualTo(user);
    assertThat(d.quote("we\"ird")).isEqualTo(weird);
  }

  @Test
  void quoteCharactersInsideIdentifiersAreDoubled() {
    assertThat(Dialects.MYSQL.quote("a`b")).isEqualTo("`a``b`");
    assertThat(Dialects.MSSQL.quote("a]b")).isEqualTo("[a]]b]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | SELECT * FROM t ORDER BY id LIMIT 20 OFFSET 40 | SELECT * FROM t LIMIT 5
      mysql      | SELECT * FROM t ORDER BY id LIMIT 20 OFFSET 40 | SELECT * FROM t LIMIT 5
      sqlite     | SELECT * FROM t ORDER BY id LIMIT 20 OFFSET 40 | SELECT * FROM t LIMIT 5
      duckdb     | SELECT * FROM t ORDER BY id LIMIT 20 OFFSET 40 | SELECT * FROM t LIMIT 5
      snowflake  | SELECT * FROM t ORDER BY id LIMIT 20 OFFSET 40 | SELECT * FROM t LIMIT 5
      mssql      | SELECT * FROM t ORDER BY id OFFSET 40 ROWS FETCH NEXT 20 ROWS ONLY | SELECT * FROM t ORDER BY (SELECT NULL) OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY
      """)
  void paging(String dialect, String ordered, String unordered) {
    Dialect d = Dialects.byName(dialect);
    StringBuilder a = new StringBuilder("SELECT * FROM t ORDER BY id");
    d.appendLimitOffset(a, 20, 40, true);
    assertThat(a).hasToString(ordered);
    StringBuilder b = new StringBuilder("SELECT * FROM t");
    d.appendLimitOffset(b, 5, 0, false);
    assertThat(b).hasToString(unordered);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | "name" ILIKE ? ESCAPE '!'
      duckdb     | "name" ILIKE ? ESCAPE '!'
      snowflake  | "name" ILIKE ? ESCAPE '!'
      mysql      | LOWER(`name`) LIKE LOWER(?) ESCAPE '!'
      mariadb    | LOWER(`name`) LIKE LOWER(?) ESCAPE '!'
      sqlite     | svcinfra_lower("name") LIKE svcinfra_lower(?) ESCAPE '!'
      mssql      | LOWER([name]) LIKE LOWER(?) ESCAPE '!'
      h2         | LOWER("name") LIKE LOWER(?) ESCAPE '!'
      """)
  void caseInsensitiveContains(String dialect, String predicate) {
    Dialect d = Dialects.byName(dialect);
    assertThat(d.containsIgnoreCase(d.quote("name"))).isEqualTo(predicate);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | LOWER("name") = LOWER(?)
      duckdb     | LOWER("name") = LOWER(?)
      snowflake  | LOWER("name") = LOWER(?)
      mysql      | LOWER(`name`) = LOWER(?)
      mariadb    | LOWER(`name`) = LOWER(?)
      sqlite     | svcinfra_lower("name") = svcinfra_lower(?)
      mssql      | LOWER([name]) = LOWER(?)
      """)
  void equalsIgnoringCase(String dialect, String predicate) {
    Dialect d = Dialects.byName(dialect);
    assertThat(d.equalsIgnoreCase(d.quote("name"))).isEqualTo(predicate);
  }

  /**
   * One NULL order everywhere (issue 16): NULLs last ascending, first descending. PostgreSQL's
   * default is that order; others say it, or add a leading IS NULL key where they cannot.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | "r" ASC                                      | "r" DESC
      duckdb     | "r" ASC NULLS LAST                           | "r" DESC NULLS FIRST
      sqlite     | "r" ASC NULLS LAST                           | "r" DESC NULLS FIRST
      snowflake  | "r" ASC NULLS LAST                           | "r" DESC NULLS FIRST
      h2         | "r" ASC NULLS LAST                           | "r" DESC NULLS FIRST
      mysql      | (`r` IS NULL) ASC, `r` ASC                   | (`r` IS NULL) DESC, `r` DESC
      mariadb    | (`r` IS NULL) ASC, `r` ASC                   | (`r` IS NULL) DESC, `r` DESC
      mssql      | CASE WHEN [r] IS NULL THEN 1 ELSE 0 END ASC, [r] ASC | CASE WHEN [r] IS NULL THEN 1 ELSE 0 END DESC, [r] DESC
      """)
  void nullsSortLastAscendingAndFirstDescending(
      String dialect, String ascending, String descending) {
    Dialect d = Dialects.byName(dialect);
    assertThat(d.orderTerm(d.quote("r"), false, true)).isEqualTo(ascending);
    assertThat(d.orderTerm(d.quote("r"), true, true)).isEqualTo(descending);
    // A NOT NULL column keeps the plain term, which its index can serve.
    assertThat(d.orderTerm(d.quote("r"), false, false)).isEqualTo(d.quote("r") + " ASC");
    assertThat(d.orderTerm(d.quote("r"), true, false)).isEqualTo(d.quote("r") + " DESC");
  }

  @Test
  void containsPatternEscapesWildcardsAndTheEscape() {
    assertThat(Dialects.POSTGRESQL.containsPattern("50%_off!\\")).isEqualTo("%50!%!_off!!\\%");
    assertThat(Dialects.MSSQL.containsPattern("[a]")).isEqualTo("%![a]%");
    assertThat(Dialects.POSTGRESQL.containsPattern("[a]")).isEqualTo("%[a]%");
  }

  @Test
  void statementTimeouts() {
    Duration t = Duration.ofMillis(1500);
    assertThat(Dialects.POSTGRESQL.statementTimeoutStatements(t))
        .containsExactly("SELECT set_config('statement_timeout', '1500', true)");
    assertThat(Dialects.POSTGRESQL.statementTimeoutResetStatements()).isEmpty();
    assertThat(Dialects.MYSQL.statementTimeoutStatements(t))
        .containsExactly("SET SESSION max_execution_time = 1500");
    assertThat(Dialects.MARIADB.statementTimeoutStatements(t))
        .containsExactly("SET SESSION max_statement_time = 1.500");
    assertThat(Dialects.MARIADB.statementTimeoutResetStatements())
        .containsExactly("SET SESSION max_statement_time = DEFAULT");
    assertThat(Dialects.SNOWFLAKE.statementTimeoutStatements(t))
        .containsExactly("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 2");
    assertThat(Dialects.MSSQL.statementTimeoutStatements(t)).isEmpty();
    assertThat(Dialects.SQLITE.statementTimeoutStatements(t)).isEmpty();
  }

  @Test
  void capabilities() {
    assertThat(Dialects.POSTGRESQL.supportsTransactionalDdl()).isTrue();
    assertThat(Dialects.MYSQL.supportsTransactionalDdl()).isFalse();
    assertThat(Dialects.MARIADB.supportsTransactionalDdl()).isFalse();
    assertThat(Dialects.SNOWFLAKE.supportsTransactionalDdl()).isFalse();
    assertThat(Dialects.SQLITE.supportsTransactionalDdl()).isTrue();
    assertThat(Dialects.MSSQL.supportsTransactionalDdl()).isTrue();
    assertThat(Dialects.POSTGRESQL.supportsReturning()).isTrue();
    assertThat(Dialects.MYSQL.supportsReturning()).isFalse();
    assertThat(Dialects.SQLITE.isEmbedded()).isTrue();
    assertThat(Dialects.POSTGRESQL.isEmbedded()).isFalse();
  }
}
