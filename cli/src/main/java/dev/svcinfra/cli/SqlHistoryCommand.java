package dev.svcinfra.cli;

import dev.svcinfra.migrate.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql history [--json | --mermaid]}: every revision, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List every revision, newest first; --mermaid prints the graph for docs.")
final class SqlHistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(names = "--json", description = "Print a JSON array, one object per revision.")
  boolean json;

  @Option(names = "--mermaid", description = "Print the revision graph as a Mermaid flowchart.")
  boolean mermaid;

  @Override
  public Integer call() {
    if (json && mermaid) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --mermaid");
    }
    if (mermaid) {
      CliContext context = CliContext.of(spec);
      context.out().print(options.files(context).historyMermaid());
      return SvcInfraCli.OK;
    }
    return SqlHeadsCommand.listing(spec, options, json, Migrations::history);
  }
}
