package dev.svcinfra.cli;

import dev.svcinfra.migrate.Repair;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql repair [REV...] --reason TEXT}: Flyway's repair, with the reason kept. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Record the new checksum of applied revisions whose files were edited on purpose, and clear"
          + " revisions that failed half-applied once you finished or undid them by hand.",
      "Without REV, every revision that needs it; the reason is kept in the history table."
    })
final class SqlRepairCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why the repair is right (kept in the history table).")
  String reason;

  @Parameters(arity = "0..*", paramLabel = "REV")
  List<String> revisions = List.of();

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    try (MigrationOptions.Session session = options.open(context)) {
      List<Repair> done = session.migrations().repair(reason, revisions);
      if (done.isEmpty()) {
        context.out().println("nothing to repair");
      }
      for (Repair r : done) {
        context
            .out()
            .println(
                "repaired "
                    + r.revision()
                    + (r.kind() == Repair.Kind.CHECKSUM
                        ? ": checksum recorded anew"
                        : ": failure cleared")
                    + " ("
                    + r.detail()
                    + ")");
      }
    }
    return SvcInfraCli.OK;
  }
}
