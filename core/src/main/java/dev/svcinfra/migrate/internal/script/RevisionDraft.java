package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A revision file about to be written: header values, notes (comment lines under the header) and
 * sections. {@link #render()} gives the exact file text {@link RevisionFile} reads back.
 *
 * <pre>{@code
 * String text = new RevisionDraft("1a2b3c4d5e6f", List.of(), "create users", Instant.now(),
 *     List.of(), List.of(new SqlScript.Section(Direction.UPGRADE, Set.of(), "CREATE TABLE ..;")))
 *     .render();
 * }</pre>
 *
 * @since 0.1
 */
public record RevisionDraft(
    String id,
    List<String> downRevisions,
    String message,
    Instant created,
    List<String> notes,
    List<SqlScript.Section> sections) {

  public RevisionDraft {
    RevisionIds.check(id, "the new revision");
    downRevisions = List.copyOf(downRevisions);
    notes = List.copyOf(notes);
    sections = List.copyOf(sections);
    if (message.contains("\n") || message.contains("\r")) {
      throw new dev.svcinfra.migrate.MigrationException(
          ErrorCode.REVISION_FILE_INVALID,
          "a revision message is one line; got a line break in '" + message + "'");
    }
    DraftLines.check(notes, sections);
  }

  /**
   * The revision this draft's file will read back as, built without rendering and parsing it: what
   * {@code sql revision} lints before writing (issue 17). {@link DraftLines} refuses drafts whose
   * text would read back differently, so the two agree.
   */
  public Revision revision() {
    List<SqlScript.Section> read = new ArrayList<>();
    for (SqlScript.Section s : allSections()) {
      String text = s.text().strip().replace("\r\n", "\n");
      Set<String> dialects = new LinkedHashSet<>();
      s.dialects().stream()
          .sorted()
          .forEach(d -> dialects.add(Dialects.forScheme(d).map(Dialect::name).orElse(d)));
      read.add(new SqlScript.Section(s.direction(), dialects, text.isEmpty() ? "" : text + "\n"));
    }
    String origin = fileName();
    return new Revision(
        id,
        downRevisions,
        List.of(),
        message.strip(),
        origin,
        // The reader folds CR LF before its checksum, which folds again: fold the same way.
        Optional.of(RevisionFile.checksum(render().replace("\r\n", "\n"))),
        new SqlScript(read, true, origin));
  }

  /** The file name: {@code <rev>_<slug>.sql}. */
  public String fileName() {
    String slug =
        message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("_+$", "");
    }
    return slug.isEmpty() ? id + ".sql" : id + "_" + slug + ".sql";
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("-- revision: ").append(id).append('\n');
    out.append("-- down_revision: ").append(String.join(", ", downRevisions)).append('\n');
    out.append("-- message: ").append(message).append('\n');
    out.append("-- created: ").append(created).append('\n');
    for (String note : notes) {
      out.append("-- ").append(note).append('\n');
    }
    for (SqlScript.Section s : allSections()) {
      out.append("\n-- +").append(s.direction().label());
      if (!s.dialects().isEmpty()) {
        out.append(' ').append(String.join(",", s.dialects().stream().sorted().toList()));
      }
      out.append('\n');
      String text = s.text().strip();
      if (!text.isEmpty()) {
        out.append(text).append('\n');
      }
    }
    return out.toString();
  }

  /** The sections as written: an empty upgrade or downgrade section where the draft has none. */
  private List<SqlScript.Section> allSections() {
    List<SqlScript.Section> all = new ArrayList<>(sections);
    if (all.stream().noneMatch(s -> s.direction() == Direction.UPGRADE)) {
      all.add(0, new SqlScript.Section(Direction.UPGRADE, Set.of(), ""));
    }
    if (all.stream().noneMatch(s -> s.direction() == Direction.DOWNGRADE)) {
      all.add(new SqlScript.Section(Direction.DOWNGRADE, Set.of(), ""));
    }
    return all;
  }
}
