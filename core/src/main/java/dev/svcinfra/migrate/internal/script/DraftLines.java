package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.sql.dialect.Dialects;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Refuses draft text that would read back as something else: a note line that reads as a header the
 * reader uses ({@code transactional: false}) or as a section marker, a section line that starts
 * another section, or a section for a dialect the reader does not know. A new revision is linted as
 * drafted instead of being parsed back (issue 17); this keeps the file written and the revision
 * linted the same.
 */
final class DraftLines {
  /** Header keys {@link RevisionFile} reads; other {@code -- key: value} lines are comments. */
  private static final Set<String> READ_KEYS =
      Set.of("revision", "down_revision", "depends_on", "message", "transactional");

  private DraftLines() {}

  static void check(List<String> notes, List<SqlScript.Section> sections) {
    for (String note : notes) {
      if (note.contains("\n") || note.contains("\r")) {
        throw invalid("a revision note is one line; got a line break in '" + note + "'");
      }
      String line = ("-- " + note).strip();
      Matcher header = RevisionFile.HEADER.matcher(line);
      if ((header.matches() && READ_KEYS.contains(header.group(1)))
          || RevisionFile.SECTION.matcher(line).matches()) {
        throw invalid("the note '" + note + "' would read back as a header or section line");
      }
    }
    for (SqlScript.Section s : sections) {
      for (String dialect : s.dialects()) {
        if (Dialects.forScheme(dialect).isEmpty()) {
          throw invalid("a section names the unknown dialect '" + dialect + "'");
        }
      }
      // Split as the reader does: on line feeds, after folding CR LF.
      for (String line : s.text().replace("\r\n", "\n").split("\n", -1)) {
        if (RevisionFile.SECTION.matcher(line.strip()).matches()) {
          throw invalid(
              "the "
                  + s.direction().label()
                  + " section holds the line '"
                  + line.strip()
                  + "', which would start a new section when the file is read");
        }
      }
    }
  }

  private static MigrationException invalid(String what) {
    return new MigrationException(ErrorCode.REVISION_FILE_INVALID, what);
  }
}
