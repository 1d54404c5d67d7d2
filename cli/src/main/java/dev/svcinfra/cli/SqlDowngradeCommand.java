package dev.svcinfra.cli;

import dev.svcinfra.migrate.Revision;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql downgrade TARGET [--sql]}: undoes revisions, running downgrade sections. */
@Command(
    name = "downgrade",
    mixinStandardHelpOptions = true,
    description =
        "Undo revisions back to TARGET: -N, a revision id or base. With --sql, print "
            + "the SQL instead (TARGET is FROM:TO, e.g. head:-1).")
final class SqlDowngradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;
  @Mixin OfflineOptions offline;

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    offline.check(spec);
    if (offline.sql) {
      options.offline(context, offline.dialect).downgradeSql(target, context.out());
      return SvcInfraCli.OK;
    }
    offline.refuseRange(spec, target);
    try (MigrationOptions.Session session = options.open(context)) {
      report(context, "downgrade", session.migrations().downgrade(target));
    }
    return SvcInfraCli.OK;
  }

  static void report(CliContext context, String verb, List<Revision> done) {
    if (done.isEmpty()) {
      context.out().println("nothing to " + verb);
    }
    for (Revision r : done) {
      context.out().println(verb + " " + r.describe());
    }
  }
}
