package dev.svcinfra.migrate.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.lint.Linter;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A draft's {@link RevisionDraft#revision()}, which {@code sql revision} lints instead of writing
 * the file and reading it back (issue 17), is the revision the rendered file reads as: the same
 * header, checksum, statements on every dialect and lint findings. Drafts whose text would read
 * back differently are refused.
 */
class RevisionDraftProperties {
  private static final List<String> LINES =
      List.of(
          "CREATE TABLE t (id INTEGER);",
          "ALTER TABLE t DROP COLUMN c;",
          "ALTER TABLE t ADD COLUMN n INTEGER NOT NULL;",
          "-- a comment",
          "",
          "   ",
          "INSERT INTO t VALUES ('a;b', 'it''s');",
          "DROP TABLE t;",
          "UPDATE t SET s = 'é\u0301 😀';\r",
          "SELECT 1",
          "-- lint:allow drop_column",
          "-- +upgrade",
          "--+downgrade sqlite",
          "-- transactional: false",
          "/* block; */ SELECT 2;");

  @Provide
  Arbitrary<RevisionDraft> drafts() {
    Arbitrary<String> text =
        Combinators.combine(Arbitraries.of(LINES).list().ofMaxSize(6), Arbitraries.of("\n", "\r\n"))
            .as((lines, separator) -> String.join(separator, lines));
    Arbitrary<Set<String>> dialects =
        Arbitraries.of(Dialects.all().stream().map(Dialect::name).toList()).set().ofMaxSize(2);
    Arbitrary<SqlScript.Section> section =
        Combinators.combine(Arbitraries.of(Direction.class), dialects, text)
            .as(SqlScript.Section::new);
    Arbitrary<String> message = Arbitraries.strings().withChars("ab Z_-é😀:+").ofMaxLength(12);
    Arbitrary<List<String>> notes =
        Arbitraries.of("note", "transactional: false", "+upgrade", "  drop table x", "key: value")
            .list()
            .ofMaxSize(2);
    return Combinators.combine(message, notes, section.list().ofMaxSize(4))
        .as((m, n, s) -> new Attempt(m, n, s))
        .map(Attempt::draft)
        .filter(d -> d != null);
  }

  /** A draft, or null when the constructor refused it (checked to be a read-back hazard). */
  record Attempt(String message, List<String> notes, List<SqlScript.Section> sections) {
    RevisionDraft draft() {
      try {
        return new RevisionDraft(
            "0a1b2c3d4e5f",
            List.of("000000000001"),
            message,
            Instant.parse("2026-01-01T00:00:00Z"),
            notes,
            sections);
      } catch (MigrationException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.REVISION_FILE_INVALID);
        return null;
      }
    }
  }

  @Property(tries = 300)
  void theDraftIsTheRevisionItsFileReadsAs(@ForAll("drafts") RevisionDraft draft) {
    Revision direct = draft.revision();
    Revision read = RevisionFile.parse(draft.render(), draft.fileName());
    assertThat(direct.id()).isEqualTo(read.id());
    assertThat(direct.downRevisions()).isEqualTo(read.downRevisions());
    assertThat(direct.dependsOn()).isEqualTo(read.dependsOn());
    assertThat(direct.message()).isEqualTo(read.message());
    assertThat(direct.origin()).isEqualTo(read.origin());
    assertThat(direct.checksum()).isEqualTo(read.checksum());
    assertThat(direct.body().transactional()).isEqualTo(read.body().transactional());
    SqlScript a = (SqlScript) direct.body();
    SqlScript b = (SqlScript) read.body();
    for (Dialect d : Dialects.all()) {
      for (Direction dir : Direction.values()) {
        assertThat(outcome(a, dir, d)).as(dir + " on " + d.name()).isEqualTo(outcome(b, dir, d));
      }
      assertThat(lint(d, direct)).as("lint on " + d.name()).isEqualTo(lint(d, read));
    }
  }

  private static List<String> lint(Dialect d, Revision r) {
    try {
      return new Linter(d, Set.of()).lint(r).stream().map(Object::toString).toList();
    } catch (MigrationException e) {
      return List.of("refused: " + e.getMessage());
    }
  }

  private static List<String> outcome(SqlScript script, Direction dir, Dialect d) {
    List<String> out = new ArrayList<>();
    try {
      out.addAll(script.statements(dir, d.name()));
    } catch (MigrationException e) {
      out.add("refused: " + e.getMessage());
    }
    return out;
  }

  @Test
  void linesThatWouldReadBackAsSomethingElseAreRefused() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                new RevisionDraft(
                    "0a1b2c3d4e5f",
                    List.of(),
                    "m",
                    at,
                    List.of(),
                    List.of(
                        new SqlScript.Section(
                            Direction.UPGRADE, Set.of(), "SELECT 1;\n-- +downgrade\n"))))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("new section");
    assertThatThrownBy(
            () ->
                new RevisionDraft(
                    "0a1b2c3d4e5f", List.of(), "m", at, List.of("transactional: false"), List.of()))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(
            () ->
                new RevisionDraft(
                    "0a1b2c3d4e5f",
                    List.of(),
                    "m",
                    at,
                    List.of(),
                    List.of(
                        new SqlScript.Section(Direction.UPGRADE, Set.of("nosuchdb"), "SELECT 1;"))))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("unknown dialect");
    assertThat(
            new RevisionDraft(
                    "0a1b2c3d4e5f",
                    List.of(),
                    "m",
                    at,
                    List.of("key: value", "  drop table x"),
                    List.of())
                .revision()
                .body()
                .transactional())
        .isTrue();
  }
}
