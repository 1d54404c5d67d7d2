package dev.svcinfra.cli;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.RunOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql upgrade [TARGET] [--sql]}: applies revisions under the migration lock. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description =
        "Apply revisions up to TARGET: head (default), heads, +N or a revision id. "
            + "With --sql, print the SQL instead (TARGET may be FROM:TO).")
final class SqlUpgradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;
  @Mixin OfflineOptions offline;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "head")
  String target;

  @Option(names = "--allow-changed", description = "Run even if applied revision files changed.")
  boolean allowChanged;

  @Option(
      names = "--allow-destructive",
      description = "Run even if lint finds destructive or locking operations.")
  boolean allowDestructive;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    offline.check(spec);
    if (offline.sql) {
      options.offline(context, offline.dialect).upgradeSql(target, context.out());
      return SvcInfraCli.OK;
    }
    offline.refuseRange(spec, target);
    try (MigrationOptions.Session session = options.open(context)) {
      List<Revision> done =
          session.migrations().upgrade(target, new RunOptions(allowChanged, allowDestructive));
      SqlDowngradeCommand.report(context, "upgrade", done);
    }
    return SvcInfraCli.OK;
  }
}
