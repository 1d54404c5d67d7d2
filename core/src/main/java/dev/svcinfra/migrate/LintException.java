package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import java.util.List;

/**
 * {@code upgrade} refused revisions with lint findings. The message lists each finding and the two
 * ways forward: {@code --allow-destructive}, or a {@code -- lint:allow RULE} comment on the line
 * before the statement.
 *
 * @since 0.1
 */
public class LintException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final List<LintFinding> findings;

  public LintException(List<LintFinding> findings) {
    super(
        ErrorCode.MIGRATION_LINT,
        "refusing to upgrade: lint found "
            + findings.size()
            + " destructive or locking operation(s):\n  "
            + String.join("\n  ", findings.stream().map(LintFinding::describe).toList())
            + "\nPass --allow-destructive, or put '-- lint:allow RULE' on the line before the "
            + "statement once you have made sure it is safe");
    this.findings = List.copyOf(findings);
  }

  public List<LintFinding> findings() {
    return findings;
  }
}
