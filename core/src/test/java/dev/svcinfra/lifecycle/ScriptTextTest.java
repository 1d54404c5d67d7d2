package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTextTest {
  private static List<String> split(String script) {
    SqlStatements statements = new SqlStatements();
    List<String> all = new ArrayList<>();
    for (String line : script.split("\n", -1)) {
      all.addAll(statements.add(line));
    }
    assertThat(statements.rest()).isEmpty();
    return all;
  }

  @Test
  void semicolonsInStringsCommentsAndTriggersDoNotEndStatements() {
    List<String> statements =
        split(
            """
        CREATE TABLE t (a TEXT); -- a comment; with a semicolon
        INSERT INTO t VALUES('x;y'),('it''s; fine');
        /* block; comment */ INSERT INTO "we;ird" VALUES(1);
        CREATE TRIGGER tr AFTER INSERT ON t BEGIN
          UPDATE t SET a = 'z;' WHERE a = 'x';
          DELETE FROM t WHERE a = 'q';
        END;
        COMMIT;""");
    assertThat(statements).hasSize(5);
    assertThat(statements.get(1)).isEqualTo("INSERT INTO t VALUES('x;y'),('it''s; fine')");
    assertThat(statements.get(3)).startsWith("CREATE TRIGGER").endsWith("END");
    assertThat(statements.get(4)).isEqualTo("COMMIT");
  }

  @Test
  void unfinishedStatementIsLeftOver() {
    SqlStatements statements = new SqlStatements();
    assertThat(statements.add("INSERT INTO t VALUES(1);")).hasSize(1);
    assertThat(statements.add("INSERT INTO t VAL")).isEmpty();
    assertThat(statements.rest()).isEqualTo("INSERT INTO t VAL");
  }

  @Test
  void guardStopsDatabaseSwitchesButNotCopyData() {
    ScriptGuard guard = new ScriptGuard();
    assertThat(guard.refuse("COPY public.t (a) FROM stdin;")).isEmpty();
    assertThat(guard.refuse("DROP DATABASE looks like data")).isEmpty();
    assertThat(guard.refuse("\\.")).isEmpty();
    assertThat(guard.refuse("\\restrict abc")).isEmpty();
    assertThat(guard.refuse("\\connect live"))
        .hasValueSatisfying(why -> assertThat(why).contains("line 5").contains("\\connect live"));
    assertThat(new ScriptGuard().refuse("DROP DATABASE IF EXISTS live;")).isPresent();
    assertThat(new ScriptGuard().refuse("create database live;")).isPresent();
    assertThat(new ScriptGuard().refuse("ATTACH DATABASE 'live.db' AS l;")).isPresent();
    assertThat(new ScriptGuard().refuse("CREATE TABLE databases (id int);")).isEmpty();
  }
}
