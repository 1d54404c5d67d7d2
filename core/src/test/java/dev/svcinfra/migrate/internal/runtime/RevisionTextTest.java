package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionDraft;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A revision file saved with a UTF-8 byte-order mark, holding string literals with semicolons and
 * escaped quotes written the way each database reads them, upgrades on every database and stores
 * exactly the intended text (issue 16).
 */
class RevisionTextTest {
  private static final List<String> EXPECTED =
      List.of("O'Brien; Jr", "semi;colon 'quoted'", "ends with backslash\\", "next; one");

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void escapedQuotesAndSemicolonsInLiteralsSurviveTheUpgrade(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE people (id INTEGER PRIMARY KEY, " + "name VARCHAR(100) NOT NULL);",
        "DROP TABLE people;");
    RevisionDraft draft =
        new RevisionDraft(
            "000000000002",
            List.of("000000000001"),
            "names",
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of(),
            List.of(
                // MySQL and MariaDB read backslash escapes in every literal.
                new SqlScript.Section(
                    Direction.UPGRADE,
                    Set.of("mariadb", "mysql"),
                    """
                    INSERT INTO people VALUES (1, 'O\\'Brien; Jr');
                    INSERT INTO people VALUES (2, 'semi;colon ''quoted''');
                    INSERT INTO people VALUES (3, 'ends with backslash\\\\');
                    INSERT INTO people VALUES (4, 'next; one');
                    """),
                // PostgreSQL reads them in E'' strings only.
                new SqlScript.Section(
                    Direction.UPGRADE,
                    Set.of("postgresql"),
                    """
                    INSERT INTO people VALUES (1, E'O\\'Brien; Jr');
                    INSERT INTO people VALUES (2, 'semi;colon ''quoted''');
                    INSERT INTO people VALUES (3, 'ends with backslash\\');
                    INSERT INTO people VALUES (4, E'next; one');
                    """),
                // Standard SQL elsewhere: a backslash is an ordinary character.
                new SqlScript.Section(
                    Direction.UPGRADE,
                    Set.of(),
                    """
                    INSERT INTO people VALUES (1, 'O''Brien; Jr');
                    INSERT INTO people VALUES (2, 'semi;colon ''quoted''');
                    INSERT INTO people VALUES (3, 'ends with backslash\\');
                    INSERT INTO people VALUES (4, 'next; one');
                    """),
                new SqlScript.Section(Direction.DOWNGRADE, Set.of(), "DELETE FROM people;")));
    Path file = dir.resolve("versions").resolve(draft.fileName());
    // Saved with a byte-order mark, as some editors do.
    Files.writeString(file, "\uFEFF" + draft.render(), StandardCharsets.UTF_8);
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = Migrations.builder().database(db).scriptLocation(dir).build();
      m.upgrade();
      assertThat(m.current().current()).containsExactly("000000000002");
      List<String> names =
          db.inTransaction(
              tx -> tx.query("SELECT name FROM people ORDER BY id", rs -> rs.getString(1)));
      assertThat(names).isEqualTo(EXPECTED);
    }
  }
}
