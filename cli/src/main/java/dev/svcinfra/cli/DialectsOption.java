package dev.svcinfra.cli;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --dialects a,b}: the dialects a written revision has sections for, as commands share it.
 */
final class DialectsOption {
  @Option(
      names = "--dialects",
      paramLabel = "a,b",
      split = ",",
      description =
          "Render sections for these dialects and lint against them (default when comparing with"
              + " the database: ALEMBIC_DIALECTS, else those the existing revisions name; the"
              + " database's own always).")
  List<String> names = List.of();

  /** The named dialects; an unknown name is a usage error naming the known ones. */
  List<Dialect> dialects() {
    return names.stream().map(String::strip).map(Dialects::byName).toList();
  }
}
