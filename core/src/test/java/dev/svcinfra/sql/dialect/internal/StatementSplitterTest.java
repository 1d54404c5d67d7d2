package dev.svcinfra.sql.dialect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hard cases of cutting SQL into statements, per database: one table, each row the text a
 * database's own client would read as the statements listed.
 */
class StatementSplitterTest {

  record Case(String name, SqlSyntax syntax, String sql, List<String> statements) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, SqlSyntax syntax, String sql, String... statements) {
    return new Case(name, syntax, sql, List.of(statements));
  }

  static Stream<Case> table() {
    SqlSyntax pg = SqlSyntax.POSTGRESQL;
    SqlSyntax my = SqlSyntax.MYSQL;
    SqlSyntax lite = SqlSyntax.SQLITE;
    SqlSyntax ms = SqlSyntax.SQL_SERVER;
    SqlSyntax duck = SqlSyntax.DUCKDB;
    SqlSyntax snow = SqlSyntax.SNOWFLAKE;
    return Stream.of(
        // Quotes, identifiers and comments every database shares.
        c(
            "standard quotes and comments",
            SqlSyntax.STANDARD,
            "SELECT 'it''s; fine'; -- a; comment\nSELECT 2; /* ; */ SELECT \"a;b\"",
            "SELECT 'it''s; fine'",
            "-- a; comment\nSELECT 2",
            "/* ; */ SELECT \"a;b\""),
        c("a trailing comment is no statement", pg, "SELECT 1; -- only a comment\n", "SELECT 1"),
        c(
            "no terminator on the last statement",
            lite,
            "SELECT 1;\nSELECT 2",
            "SELECT 1",
            "SELECT 2"),
        c(
            "unicode beyond ascii",
            my,
            "INSERT INTO t VALUES ('naïve 🦆; \\'q\\''); INSERT INTO t VALUES ('e\u0301;')",
            "INSERT INTO t VALUES ('naïve 🦆; \\'q\\'')",
            "INSERT INTO t VALUES ('e\u0301;')"),
        c(
            "a string across lines",
            lite,
            "INSERT INTO t VALUES ('a;\nb;');SELECT 1",
            "INSERT INTO t VALUES ('a;\nb;')",
            "SELECT 1"),
        // PostgreSQL.
        c(
            "postgresql dollar quoting",
            pg,
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 1",
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
            "SELECT 1"),
        c(
            "postgresql tagged dollar quoting holding $$ and a plpgsql body",
            pg,
            "CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n"
                + "  RAISE NOTICE '$$;';\n  RETURN NEW;\nEND;\n$body$;\nSELECT $1, a$b$c FROM t;",
            "CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n"
                + "  RAISE NOTICE '$$;';\n  RETURN NEW;\nEND;\n$body$",
            "SELECT $1, a$b$c FROM t"),
        c(
            "postgresql nested comments",
            pg,
            "/* outer /* inner; */ still; comment */ SELECT 1; SELECT 2",
            "/* outer /* inner; */ still; comment */ SELECT 1",
            "SELECT 2"),
        c(
            "postgresql escape strings",
            pg,
            "INSERT INTO t VALUES (E'O\\'Brien; Jr'); SELECT 'plain\\'; SELECT TYPE'x;y'",
            "INSERT INTO t VALUES (E'O\\'Brien; Jr')",
            "SELECT 'plain\\'",
            "SELECT TYPE'x;y'"),
        c(
            "postgresql BEGIN ATOMIC body",
            pg,
            "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;"
                + " SELECT 3",
            "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
            "SELECT 3"),
        c(
            "postgresql transaction statements",
            pg,
            "BEGIN; SELECT 1; COMMIT;",
            "BEGIN",
            "SELECT 1",
            "COMMIT"),
        // MySQL and MariaDB.
        c(
            "mysql backslash escapes",
            my,
            "INSERT INTO t VALUES ('O\\'Brien; Jr'); INSERT INTO t VALUES (\"say \\\"hi; there\\\"\");"
                + " SELECT 'a;b'",
            "INSERT INTO t VALUES ('O\\'Brien; Jr')",
            "INSERT INTO t VALUES (\"say \\\"hi; there\\\"\")",
            "SELECT 'a;b'"),
        c(
            "mysql backslash in a backtick identifier",
            my,
            "SELECT `a\\`; SELECT 1",
            "SELECT `a\\`",
            "SELECT 1"),
        c(
            "mysql hash comments",
            my,
            "SELECT 1; # one; two\nSELECT 2",
            "SELECT 1",
            "# one; two\nSELECT 2"),
        c(
            "mysql executable comments are statements",
            my,
            "/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\nSELECT 1;",
            "/*!40101 SET NAMES utf8mb4 */",
            "SELECT 1"),
        c(
            "mysql DELIMITER blocks",
            my,
            "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND //\n"
                + "DELIMITER ;\nCALL p();",
            "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND",
            "CALL p()"),
        c(
            "mysql trigger body without DELIMITER, with IF and CASE",
            my,
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN\n"
                + "  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\n"
                + "  CASE NEW.b WHEN 1 THEN SET NEW.c = 'one;'; ELSE SET NEW.c = 'x'; END CASE;\n"
                + "  SET NEW.d = CASE WHEN NEW.a > 1 THEN 1 ELSE 0 END;\nEND;\nSELECT 1;",
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN\n"
                + "  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\n"
                + "  CASE NEW.b WHEN 1 THEN SET NEW.c = 'one;'; ELSE SET NEW.c = 'x'; END CASE;\n"
                + "  SET NEW.d = CASE WHEN NEW.a > 1 THEN 1 ELSE 0 END;\nEND",
            "SELECT 1"),
        c(
            "mariadb anonymous block",
            my,
            "BEGIN NOT ATOMIC\n  SELECT 1;\nEND;\nSELECT 2",
            "BEGIN NOT ATOMIC\n  SELECT 1;\nEND",
            "SELECT 2"),
        c(
            "a single-row trigger without a body",
            my,
            "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1; SELECT 1",
            "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
            "SELECT 1"),
        // SQLite.
        c(
            "sqlite trigger body",
            lite,
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 'z;' WHERE a = 'x';\n"
                + "  DELETE FROM t WHERE a = 'q';\nEND;\nCOMMIT;",
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 'z;' WHERE a = 'x';\n"
                + "  DELETE FROM t WHERE a = 'q';\nEND",
            "COMMIT"),
        c(
            "sqlite trigger with WHEN CASE and a column named end",
            lite,
            "CREATE TEMP TRIGGER tr AFTER UPDATE ON t WHEN CASE WHEN NEW.a THEN 1 END BEGIN\n"
                + "  INSERT INTO log VALUES (NEW.end);\nEND;\nSELECT [a;b], `c;d` FROM t",
            "CREATE TEMP TRIGGER tr AFTER UPDATE ON t WHEN CASE WHEN NEW.a THEN 1 END BEGIN\n"
                + "  INSERT INTO log VALUES (NEW.end);\nEND",
            "SELECT [a;b], `c;d` FROM t"),
        c(
            "sqlite E'' is not an escape string",
            lite,
            "SELECT e'a\\'; SELECT 1",
            "SELECT e'a\\'",
            "SELECT 1"),
        c("sqlite $name is a parameter", lite, "SELECT $a; SELECT 1", "SELECT $a", "SELECT 1"),
        // SQL Server.
        c(
            "sql server GO batches",
            ms,
            "CREATE PROCEDURE p AS\nSELECT 1;\nSELECT 2;\nGO\nSELECT [a;b]\ngo\n",
            "CREATE PROCEDURE p AS\nSELECT 1;\nSELECT 2;",
            "SELECT [a;b]"),
        c(
            "sql server without GO: BEGIN..END, TRY/CATCH and BEGIN TRAN",
            ms,
            "CREATE PROCEDURE p AS BEGIN\n BEGIN TRAN;\n BEGIN TRY SELECT 1; END TRY\n"
                + " BEGIN CATCH SELECT 2; END CATCH;\n COMMIT;\nEND;\nSELECT 3;",
            "CREATE PROCEDURE p AS BEGIN\n BEGIN TRAN;\n BEGIN TRY SELECT 1; END TRY\n"
                + " BEGIN CATCH SELECT 2; END CATCH;\n COMMIT;\nEND",
            "SELECT 3"),
        c(
            "sql server: GO inside a string is text",
            ms,
            "SELECT 'a\nGO\nb';\nGO",
            "SELECT 'a\nGO\nb';"),
        // DuckDB and Snowflake.
        c(
            "duckdb dollar strings",
            duck,
            "SELECT $$a;b$$; SELECT E'c\\';d'",
            "SELECT $$a;b$$",
            "SELECT E'c\\';d'"),
        c(
            "snowflake backslash escapes and dollar bodies",
            snow,
            "SELECT 'a\\';b'; CREATE FUNCTION f() RETURNS INT AS $$ 1; $$",
            "SELECT 'a\\';b'",
            "CREATE FUNCTION f() RETURNS INT AS $$ 1; $$"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void splitsAsTheDatabaseReadsIt(Case c) {
    assertThat(StatementSplitter.split(c.sql(), c.syntax()))
        .containsExactlyElementsOf(c.statements());
  }

  /** Fed a line at a time, as a restore streams a dump, the same statements come out. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void streamingGivesTheSameStatements(Case c) {
    if (c.syntax().goBatches()) {
      return; // a GO-only script is known from the whole text; streams end batches at GO too
    }
    StatementSplitter s = new StatementSplitter(c.syntax());
    List<String> all = new ArrayList<>();
    for (String line : c.sql().split("\n", -1)) {
      all.addAll(s.feed(line));
    }
    if (!s.rest().isEmpty()) {
      all.add(s.rest());
    }
    assertThat(all).containsExactlyElementsOf(c.statements());
  }

  @Test
  void anUnfinishedStatementIsLeftOver() {
    StatementSplitter s = new StatementSplitter(SqlSyntax.SQLITE);
    assertThat(s.feed("INSERT INTO t VALUES(1);")).containsExactly("INSERT INTO t VALUES(1)");
    assertThat(s.feed("INSERT INTO t VAL")).isEmpty();
    assertThat(s.rest()).isEqualTo("INSERT INTO t VAL");
    StatementSplitter comments = new StatementSplitter(SqlSyntax.SQLITE);
    comments.feed("-- nothing but a comment");
    assertThat(comments.rest()).isEmpty();
  }

  @Test
  void stripCommentsReadsByTheSameRules() {
    assertThat(StatementSplitter.stripComments("SELECT 'a\\' -- x'", SqlSyntax.MYSQL))
        .isEqualTo("SELECT 'a\\' -- x'");
    assertThat(
            StatementSplitter.stripComments(
                "SELECT 1 -- x\n/* a /* b */ c */ + 2", SqlSyntax.POSTGRESQL))
        .isEqualTo("SELECT 1 \n  + 2");
    assertThat(StatementSplitter.stripComments("SELECT 1 # x\n/*!50000 + 2 */", SqlSyntax.MYSQL))
        .isEqualTo("SELECT 1 \n/*!50000 + 2 */");
  }
}
