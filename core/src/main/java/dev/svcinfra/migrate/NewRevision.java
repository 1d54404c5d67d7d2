package dev.svcinfra.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A revision {@code revision} or {@code merge} produced: the file written (empty when only
 * printed), its text and its lint findings.
 *
 * @since 0.1
 */
public record NewRevision(String id, Optional<Path> file, String text, List<LintFinding> findings) {
  public NewRevision {
    findings = List.copyOf(findings);
  }
}
