package dev.svcinfra.migrate.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.StatementSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionFileTest {
  static final String TEXT =
      """
      -- revision: 1a2b3c4d5e6f
      -- down_revision: 0a0b0c0d0e0f, 9f9e9d9c9b9a
      -- message: add users
      -- created: 2026-01-01T00:00:00Z

      -- +upgrade
      CREATE TABLE users (id INT PRIMARY KEY, note VARCHAR(20) DEFAULT 'a;b');
      -- a comment; with a semicolon
      INSERT INTO users VALUES (1, 'x');

      -- +upgrade postgres,sqlite
      CREATE TABLE users (id BIGINT PRIMARY KEY);
      CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;

      -- +downgrade
      DROP TABLE users;
      """;

  @Test
  void headerAndSectionsAreRead() {
    Revision r = RevisionFile.parse(TEXT, "f.sql", "1a2b3c4d5e6f_add_users.sql");
    assertThat(r.id()).isEqualTo("1a2b3c4d5e6f");
    assertThat(r.downRevisions()).containsExactly("0a0b0c0d0e0f", "9f9e9d9c9b9a");
    assertThat(r.message()).isEqualTo("add users");
    assertThat(r.checksum()).hasValueSatisfying(c -> assertThat(c).hasSize(64));
    SqlScript sql = (SqlScript) r.body();
    assertThat(sql.statements(Direction.UPGRADE, "mysql"))
        .containsExactly(
            "CREATE TABLE users (id INT PRIMARY KEY, note VARCHAR(20) DEFAULT 'a;b')",
            "-- a comment; with a semicolon\nINSERT INTO users VALUES (1, 'x')");
    assertThat(sql.statements(Direction.UPGRADE, "postgresql"))
        .containsExactly(
            "CREATE TABLE users (id BIGINT PRIMARY KEY)",
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql");
    assertThat(sql.statements(Direction.DOWNGRADE, "sqlite")).containsExactly("DROP TABLE users");
  }

  @Test
  void checksumIgnoresLineEndingsButNotContent() {
    String a = RevisionFile.checksum(TEXT);
    assertThat(RevisionFile.checksum(TEXT.replace("\n", "\r\n"))).isEqualTo(a);
    assertThat(RevisionFile.checksum(TEXT.replace("'x'", "'y'"))).isNotEqualTo(a);
  }

  @Test
  void draftRendersWhatTheReaderReadsBack(@TempDir Path dir) throws Exception {
    RevisionDraft draft =
        new RevisionDraft(
            "abcdef012345",
            List.of("0a0b0c0d0e0f"),
            "Add Orders: big table!",
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of("note: hi"),
            List.of(
                new SqlScript.Section(
                    Direction.UPGRADE, Set.of("postgresql"), "CREATE TABLE o (id INT);"),
                new SqlScript.Section(Direction.DOWNGRADE, Set.of(), "DROP TABLE o;")));
    assertThat(draft.fileName()).isEqualTo("abcdef012345_add_orders_big_table.sql");
    Path file = dir.resolve(draft.fileName());
    Files.writeString(file, draft.render());
    Revision r = RevisionFile.read(file);
    assertThat(r.id()).isEqualTo("abcdef012345");
    assertThat(r.downRevisions()).containsExactly("0a0b0c0d0e0f");
    assertThat(r.message()).isEqualTo("Add Orders: big table!");
    SqlScript sql = (SqlScript) r.body();
    assertThat(sql.statements(Direction.UPGRADE, "postgresql"))
        .containsExactly("CREATE TABLE o (id INT)");
    assertThat(sql.statements(Direction.DOWNGRADE, "postgresql")).containsExactly("DROP TABLE o");
    assertThatThrownBy(() -> sql.statements(Direction.UPGRADE, "sqlite"))
        .hasMessageContaining("no -- +upgrade section for sqlite");
  }

  @Test
  void badFilesAreRefusedWithTheFileName() {
    assertThatThrownBy(() -> RevisionFile.parse("-- down_revision:\n-- +upgrade\n", "x.sql", null))
        .hasMessageContaining("x.sql")
        .hasMessageContaining("'-- revision:'");
    assertThatThrownBy(() -> RevisionFile.parse("-- revision: abc\n-- +upgrade\n", "x.sql", null))
        .hasMessageContaining("down_revision");
    assertThatThrownBy(
            () -> RevisionFile.parse("-- revision: abc\n-- down_revision:\n", "x.sql", null))
        .hasMessageContaining("no '-- +upgrade' section");
    assertThatThrownBy(
            () ->
                RevisionFile.parse(
                    "-- revision: abc\n-- down_revision:\n-- +upgrade oracle\n", "x.sql", null))
        .hasMessageContaining("unknown dialect 'oracle'");
    assertThatThrownBy(
            () ->
                RevisionFile.parse(
                    "-- revision: abc\n-- down_revision:\n-- +upgrade\n", "x.sql", "abd_x.sql"))
        .hasMessageContaining("does not start with its revision id");
  }

  @Test
  void transactionalFalseIsRead() {
    Revision r =
        RevisionFile.parse(
            """
            -- revision: abc
            -- down_revision:
            -- transactional: false
            -- +upgrade
            CREATE INDEX CONCURRENTLY i ON t (x);
            """,
            "x.sql",
            null);
    assertThat(r.body().transactional()).isFalse();
  }

  @Test
  void splitterKeepsQuotedAndCommentedSemicolons() {
    assertThat(
            StatementSplitter.split(
                "SELECT ';'; /* ; */ SELECT \"a;b\"; -- only a comment\n", SqlSyntax.POSTGRESQL))
        .containsExactly("SELECT ';'", "/* ; */ SELECT \"a;b\"");
    assertThat(StatementSplitter.split("SELECT $1; SELECT $tag$ ; $tag$", SqlSyntax.POSTGRESQL))
        .containsExactly("SELECT $1", "SELECT $tag$ ; $tag$");
  }
}
