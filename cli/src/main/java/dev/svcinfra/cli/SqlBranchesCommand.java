package dev.svcinfra.cli;

import dev.svcinfra.migrate.internal.script.RevisionGraph;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql branches [--json]}: revisions where history splits. */
@Command(
    name = "branches",
    mixinStandardHelpOptions = true,
    description = "List branch points: revisions that several revisions follow.")
final class SqlBranchesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(names = "--json", description = "Print a JSON array, one object per revision.")
  boolean json;

  @Override
  public Integer call() {
    return SqlHeadsCommand.listing(spec, options, json, RevisionGraph::branchPoints);
  }
}
