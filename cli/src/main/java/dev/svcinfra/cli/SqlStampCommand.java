package dev.svcinfra.cli;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql stamp REV...}: sets the version table without running revisions. */
@Command(
    name = "stamp",
    mixinStandardHelpOptions = true,
    description = "Record REV (or head, heads, base) as applied without running anything.")
final class SqlStampCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Parameters(arity = "1..*", paramLabel = "REV")
  List<String> revisions;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    try (MigrationOptions.Session session = options.open(context)) {
      Set<String> now = session.migrations().stamp(revisions.toArray(String[]::new));
      context.out().println("stamped " + (now.isEmpty() ? "<base>" : String.join(", ", now)));
    }
    return SvcInfraCli.OK;
  }
}
