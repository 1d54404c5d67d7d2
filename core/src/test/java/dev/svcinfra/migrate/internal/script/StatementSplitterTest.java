package dev.svcinfra.migrate.internal.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splitting revision text at the semicolons the database itself would see (issue 16). */
class StatementSplitterTest {

  @Test
  void mysqlFamilyReadsBackslashEscapesInsideLiterals() {
    String sql =
        "INSERT INTO t VALUES ('O\\'Brien; Jr'); INSERT INTO t VALUES (\"say \\\"hi; there\\\"\");"
            + " INSERT INTO t VALUES ('C:\\\\dir\\\\'); SELECT 'a;b'";
    assertThat(StatementSplitter.split(sql, true))
        .containsExactly(
            "INSERT INTO t VALUES ('O\\'Brien; Jr')",
            "INSERT INTO t VALUES (\"say \\\"hi; there\\\"\")",
            "INSERT INTO t VALUES ('C:\\\\dir\\\\')",
            "SELECT 'a;b'");
  }

  @Test
  void aBackslashBeforeTheClosingQuoteEscapesItOnlyWhereTheDatabaseSaysSo() {
    // Standard SQL: 'a\' is a complete literal, so the ; after it ends the statement.
    String sql = "SELECT 'a\\'; SELECT 'b'";
    assertThat(StatementSplitter.split(sql, false)).containsExactly("SELECT 'a\\'", "SELECT 'b'");
    // MySQL: \' is a quote, so the literal runs on to the next quote.
    assertThat(StatementSplitter.split(sql, true)).containsExactly("SELECT 'a\\'; SELECT 'b'");
  }

  @Test
  void postgresEscapeStringsReadBackslashesOnEveryDialect() {
    String sql =
        "INSERT INTO t VALUES (E'O\\'Brien; Jr'); INSERT INTO t VALUES (e'tab\\t;'); "
            + "SELECT 'plain\\'; SELECT TYPE'x;y'";
    assertThat(StatementSplitter.split(sql))
        .containsExactly(
            "INSERT INTO t VALUES (E'O\\'Brien; Jr')",
            "INSERT INTO t VALUES (e'tab\\t;')",
            "SELECT 'plain\\'",
            // TYPE'..' is not an escape string: the E ends a longer word.
            "SELECT TYPE'x;y'");
  }

  @Test
  void doubledQuotesCommentsAndDollarBodiesStillHoldTheirSemicolons() {
    for (boolean mysql : new boolean[] {false, true}) {
      assertThat(
              StatementSplitter.split(
                  "SELECT 'it''s; fine'; -- a; comment\nSELECT 2;" + " /* ; */ SELECT `a;b`",
                  mysql))
          .containsExactly(
              "SELECT 'it''s; fine'", "-- a; comment\nSELECT 2", "/* ; */ SELECT `a;b`");
    }
    assertThat(
            StatementSplitter.split(
                "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$" + " LANGUAGE sql; SELECT 1"))
        .hasSize(2);
  }

  @Test
  void backslashesInQuotedIdentifiersAreNotEscapes() {
    assertThat(StatementSplitter.split("SELECT `a\\`; SELECT 1", true))
        .containsExactly("SELECT `a\\`", "SELECT 1");
  }

  @Test
  void unicodeBeyondAsciiIsKeptWhole() {
    String sql = "INSERT INTO t VALUES ('naïve 🦆; \\'q\\''); INSERT INTO t VALUES ('e\u0301;')";
    assertThat(StatementSplitter.split(sql, true))
        .containsExactly(
            "INSERT INTO t VALUES ('naïve 🦆; \\'q\\'')", "INSERT INTO t VALUES ('e\u0301;')");
  }

  @Test
  void scriptsSplitByTheirDialectsRules() {
    SqlScript script =
        new SqlScript(
            List.of(
                new SqlScript.Section(
                    Direction.UPGRADE, Set.of(), "INSERT INTO t VALUES ('a\\'; b'); SELECT 1;")),
            true,
            "test");
    for (String mysql : List.of("mariadb", "mysql")) {
      assertThat(script.statements(Direction.UPGRADE, mysql))
          .containsExactly("INSERT INTO t VALUES ('a\\'; b')", "SELECT 1");
    }
    for (String standard : List.of("postgresql", "sqlite", "duckdb", "mssql")) {
      assertThat(script.statements(Direction.UPGRADE, standard).get(0))
          .isEqualTo("INSERT INTO t VALUES ('a\\'");
    }
    assertThat(StatementSplitter.stripComments("SELECT 'a\\' -- x'", true))
        .isEqualTo("SELECT 'a\\' -- x'");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsIgnored() {
    String text =
        """
        \ufeff-- revision: 0123456789ab
        -- down_revision:
        -- message: bom
        -- +upgrade
        CREATE TABLE bom (id INT);
        -- +downgrade
        DROP TABLE bom;
        """;
    Revision r = RevisionFile.parse(text, "bom.sql");
    assertThat(r.id()).isEqualTo("0123456789ab");
    assertThat(((SqlScript) r.body()).statements(Direction.UPGRADE, "sqlite"))
        .containsExactly("CREATE TABLE bom (id INT)");
  }
}
