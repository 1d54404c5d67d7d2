package dev.svcinfra.migrate;

import java.util.List;

/**
 * What {@code current} reports: the applied heads, whether they are the script's heads, and the
 * applied revisions whose files changed since.
 *
 * <pre>{@code
 * MigrationStatus s = migrations.current();
 * if (!s.atHead()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public record MigrationStatus(List<String> current, List<String> heads, List<Drift> drift) {
  public MigrationStatus {
    current = List.copyOf(current);
    heads = List.copyOf(heads);
    drift = List.copyOf(drift);
  }

  /** Whether every head of the script is applied and nothing else. */
  public boolean atHead() {
    return current.equals(heads);
  }
}
