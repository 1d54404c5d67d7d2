package dev.svcinfra.cli;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql heads [--json]}: revisions nothing follows yet. */
@Command(
    name = "heads",
    mixinStandardHelpOptions = true,
    description = "List the head revisions of the script directory.")
final class SqlHeadsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(names = "--json", description = "Print a JSON array, one object per revision.")
  boolean json;

  @Override
  public Integer call() {
    return listing(spec, options, json, RevisionGraph::heads);
  }

  /**
   * Prints revisions {@code pick} chooses from the graph, as text lines or a JSON array. The script
   * directory is read once for both the choice and the lines.
   */
  static int listing(
      CommandSpec spec,
      MigrationOptions options,
      boolean json,
      Function<RevisionGraph, List<Revision>> pick) {
    CliContext context = CliContext.of(spec);
    RevisionGraph graph = options.files(context).graph();
    List<Revision> revisions = pick.apply(graph);
    if (json) {
      Json.print(context.out(), RevisionJson.list(revisions, graph));
    } else {
      revisions.forEach(r -> context.out().println(RevisionJson.line(r, graph)));
    }
    return SvcInfraCli.OK;
  }
}
