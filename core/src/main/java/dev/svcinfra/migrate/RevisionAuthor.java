package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.internal.lint.Linter;
import dev.svcinfra.migrate.internal.script.RevisionDraft;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import dev.svcinfra.migrate.internal.script.ScriptDirectory;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.dialect.Dialect;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes new revision and merge files after the right parents, and lints what it writes. It works
 * on the graph the command already read and lints the draft itself, so a revision costs one read of
 * the script directory and no read-back of the new file (issue 17).
 */
final class RevisionAuthor {
  private final ScriptDirectory scripts;
  private final RevisionGraph graph;
  private final List<Dialect> lintDialects;

  RevisionAuthor(ScriptDirectory scripts, RevisionGraph graph, List<Dialect> lintDialects) {
    this.scripts = scripts;
    this.graph = graph;
    this.lintDialects = lintDialects;
  }

  NewRevision write(
      String message,
      RevisionRequest request,
      List<SqlScript.Section> sections,
      List<String> notes) {
    requireMessage(message);
    List<String> parents;
    if (request.head().isPresent()) {
      String head = request.head().get();
      parents = head.equals("base") ? List.of() : List.of(graph.get(head).id());
    } else {
      parents = graph.isEmpty() ? List.of() : List.of(graph.singleHead("a new revision").id());
    }
    String id = request.revId().orElseGet(ScriptDirectory::newId);
    return emit(
        new RevisionDraft(id, parents, message, now(), notes, sections), request.printOnly());
  }

  NewRevision merge(String message, List<String> revisions) {
    requireMessage(message);
    Set<String> parents = new LinkedHashSet<>();
    for (String r : revisions) {
      if (r.equals("heads")) {
        graph.heads().forEach(h -> parents.add(h.id()));
      } else {
        parents.add(graph.get(r).id());
      }
    }
    if (parents.size() < 2) {
      throw new MigrationException(
          ErrorCode.INVALID_TARGET,
          "a merge needs at least two "
              + "revisions to join; got "
              + (parents.isEmpty() ? "none" : String.join(", ", parents))
              + (revisions.contains("heads") ? " (there is only one head: nothing to merge)" : ""));
    }
    return emit(
        new RevisionDraft(
            ScriptDirectory.newId(),
            new ArrayList<>(parents),
            message,
            now(),
            List.of(),
            List.of()),
        false);
  }

  private NewRevision emit(RevisionDraft draft, boolean printOnly) {
    String text = draft.render();
    Revision revision = draft.revision();
    List<LintFinding> findings = new ArrayList<>();
    for (Dialect d : lintDialects) {
      findings.addAll(new Linter(d, Set.of()).lint(revision));
    }
    Optional<Path> file = printOnly ? Optional.empty() : Optional.of(scripts.write(draft, graph));
    return new NewRevision(draft.id(), file, text, findings);
  }

  private static void requireMessage(String message) {
    if (message == null || message.isBlank()) {
      throw new MigrationException(
          ErrorCode.REVISION_FILE_INVALID, "a revision needs a message (-m \"what it does\")");
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
