package dev.svcinfra.migrate.internal.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A revision section is split by the rules of the dialect it runs on (issue 16). */
class SqlScriptSplittingTest {

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
