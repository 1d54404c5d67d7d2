package dev.svcinfra.sql.dialect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hard cases of each database, split by its dialect's rules and run one statement at a time on
 * the real server: every statement is one the server accepts, and the objects they create work.
 */
class SplitScriptsRunTest extends DatabaseSuite {

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void hardCasesRunStatementByStatement(TestDatabase kind) throws SQLException {
    Database db = open(kind);
    List<String> statements = StatementSplitter.split(script(kind), db.dialect().sqlSyntax());
    List<String> results = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      for (String sql : statements) {
        if (st.execute(sql)) {
          try (ResultSet rs = st.getResultSet()) {
            while (rs.next()) {
              results.add(rs.getString(1));
            }
          }
        }
      }
    }
    assertThat(results).containsExactly(expected(kind).toArray(String[]::new));
  }

  private static String script(TestDatabase kind) {
    return switch (kind) {
      case POSTGRESQL ->
          """
          /* a /* nested; */ comment; */
          CREATE TABLE t (a text, b text);
          CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $body$
          BEGIN
            NEW.b := 'seen; $$ inside';
            RETURN NEW;
          END;
          $body$;
          CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION stamp();
          CREATE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
          INSERT INTO t (a) VALUES (E'O\\'Brien; Jr');
          SELECT a || '|' || b FROM t;
          SELECT two()::text;
          """;
      case MARIADB ->
          """
          /*!40101 SET @flag = 'set; by an executable comment' */;
          CREATE TABLE t (a VARCHAR(100), b VARCHAR(100), c VARCHAR(10)); # a comment; here
          CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN
            IF NEW.a IS NULL THEN SET NEW.a = 'none;'; END IF;
            CASE WHEN NEW.a LIKE 'O%' THEN SET NEW.c = 'o;'; ELSE SET NEW.c = 'x'; END CASE;
            SET NEW.b = CASE WHEN NEW.a > '' THEN 'seen;' ELSE 'empty' END;
          END;
          DELIMITER //
          CREATE PROCEDURE p()
          BEGIN
            SELECT 'one;';
          END //
          DELIMITER ;
          INSERT INTO t (a) VALUES ('O\\'Brien; Jr');
          SELECT CONCAT(a, '|', b, '|', c) FROM t;
          SELECT @flag;
          CALL p();
          """;
      case SQLITE ->
          """
          CREATE TABLE t (a TEXT, b TEXT, [c;d] TEXT, `e;f` TEXT);
          CREATE TRIGGER tr AFTER INSERT ON t WHEN CASE WHEN NEW.a IS NOT NULL THEN 1 END BEGIN
            UPDATE t SET b = 'seen; by trigger' WHERE rowid = NEW.rowid;
            UPDATE t SET [c;d] = 'x;y' WHERE rowid = NEW.rowid;
          END;
          INSERT INTO t (a, `e;f`) VALUES ('it''s; fine', 'q');
          SELECT a || '|' || b || '|' || [c;d] || '|' || `e;f` FROM t;
          """;
      case DUCKDB ->
          """
          CREATE TABLE t (a VARCHAR);
          INSERT INTO t VALUES ($$dollar; body$$), (E'esc\\'aped; too');
          SELECT a FROM t ORDER BY a;
          """;
    };
  }

  private static List<String> expected(TestDatabase kind) {
    return switch (kind) {
      case POSTGRESQL -> List.of("O'Brien; Jr|seen; $$ inside", "2");
      case MARIADB -> List.of("O'Brien; Jr|seen;|o;", "set; by an executable comment", "one;");
      case SQLITE -> List.of("it's; fine|seen; by trigger|x;y|q");
      case DUCKDB -> List.of("dollar; body", "esc'aped; too");
    };
  }
}
