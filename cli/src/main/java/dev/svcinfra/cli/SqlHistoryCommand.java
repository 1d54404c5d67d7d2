package dev.svcinfra.cli;

import dev.svcinfra.migrate.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra sql history [--json | --mermaid]}: every revision, newest first; {@code
 * --applied [--json]}: what the database's version and history tables know, per revision.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "List every revision, newest first; --mermaid prints the graph for docs.",
      "--applied asks the database: status, when and by whom each revision was applied, how long"
          + " it took, and whether its file still matches (ok, changed, missing_file)."
    })
final class SqlHistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(names = "--json", description = "Print a JSON array, one object per revision.")
  boolean json;

  @Option(names = "--mermaid", description = "Print the revision graph as a Mermaid flowchart.")
  boolean mermaid;

  @Option(
      names = "--applied",
      description = "Read the database's history table instead of the revision files.")
  boolean applied;

  @Override
  public Integer call() {
    if (json && mermaid) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --mermaid");
    }
    if (applied && mermaid) {
      throw new ParameterException(
          spec.commandLine(), "--mermaid draws the files' graph: drop --applied");
    }
    if (applied) {
      CliContext context = CliContext.of(spec);
      try (MigrationOptions.Session session = options.open(context)) {
        AppliedHistoryText.print(context.out(), session.migrations().appliedHistory(), json);
      }
      return SvcInfraCli.OK;
    }
    if (mermaid) {
      CliContext context = CliContext.of(spec);
      context.out().print(options.files(context).historyMermaid());
      return SvcInfraCli.OK;
    }
    return SqlHeadsCommand.listing(spec, options, json, Migrations::history);
  }
}
