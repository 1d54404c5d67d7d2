package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.script.SqlScript;
import java.util.List;

/**
 * What autogenerate produced: the operations (drops removed when skipped), the drops it left out,
 * and the rendered file sections with their notes.
 *
 * @since 0.1
 */
public record AutogenResult(
    List<MigrationOp> ops,
    List<MigrationOp> skippedDrops,
    List<SqlScript.Section> sections,
    List<String> notes) {
  public AutogenResult {
    ops = List.copyOf(ops);
    skippedDrops = List.copyOf(skippedDrops);
    sections = List.copyOf(sections);
    notes = List.copyOf(notes);
  }
}
