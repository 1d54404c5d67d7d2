package dev.svcinfra.sql.dialect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a string literal or a quoted identifier holds (semicolons, quotes, backslashes, comment
 * and dollar markers, line breaks, text beyond ASCII), statements written the way each database
 * escapes them come back out of the splitter one for one, unchanged.
 */
class StatementSplitterProperties {
  private static final List<SqlSyntax> SYNTAXES =
      List.of(
          SqlSyntax.STANDARD,
          SqlSyntax.POSTGRESQL,
          SqlSyntax.MYSQL,
          SqlSyntax.SQLITE,
          SqlSyntax.SQL_SERVER,
          SqlSyntax.DUCKDB,
          SqlSyntax.SNOWFLAKE);

  @Property(tries = 300)
  void literalsNeverEndAStatement(@ForAll("values") @Size(min = 1, max = 6) List<String> values) {
    for (SqlSyntax syntax : SYNTAXES) {
      List<String> statements = new ArrayList<>();
      StringBuilder script = new StringBuilder();
      for (int i = 0; i < values.size(); i++) {
        String statement =
            "INSERT INTO t VALUES (" + literal(values.get(i), syntax) + ", \"c;" + i + "\")";
        statements.add(statement);
        script.append("-- row ").append(i).append(";\n").append(statement).append(";\n");
      }
      List<String> split = StatementSplitter.split(script.toString(), syntax);
      List<String> withoutComments = new ArrayList<>();
      for (String s : split) {
        withoutComments.add(s.substring(s.indexOf('\n') + 1));
      }
      assertThat(withoutComments).as("%s", syntax).containsExactlyElementsOf(statements);
    }
  }

  /**
   * A literal as the database reads it: doubled quotes, and doubled backslashes where they escape.
   */
  private static String literal(String value, SqlSyntax syntax) {
    String text = value.replace("'", "''");
    if (syntax.backslashEscapes()) {
      text = text.replace("\\", "\\\\");
    }
    return "'" + text + "'";
  }

  @Provide
  Arbitrary<List<String>> values() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(
                ";",
                "'",
                "''",
                "\\",
                "\\'",
                "--",
                "/*",
                "*/",
                "$$",
                "$tag$",
                "#",
                "\n",
                "\nGO\n",
                "BEGIN",
                "END",
                "DELIMITER //",
                "`",
                "[",
                "]",
                "\"",
                "é",
                "🦆",
                "ｗｉｄｅ"),
            Arbitraries.strings().ofMaxLength(5));
    return pieces.list().ofMaxSize(8).map(l -> String.join("", l)).list();
  }
}
