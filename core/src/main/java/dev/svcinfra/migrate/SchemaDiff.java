package dev.svcinfra.migrate;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import java.util.List;

/**
 * What {@code check} found: the operations that would turn the database into the models, and
 * applied revision files that changed since. Clean when both are empty.
 *
 * <pre>{@code
 * SchemaDiff diff = migrations.check();
 * if (!diff.clean()) diff.differences().forEach(op -> System.out.println(op.describe()));
 * }</pre>
 *
 * @since 0.1
 */
public record SchemaDiff(List<MigrationOp> differences, List<Drift> drift) {
  public SchemaDiff {
    differences = List.copyOf(differences);
    drift = List.copyOf(drift);
  }

  public boolean clean() {
    return differences.isEmpty() && drift.isEmpty();
  }
}
