package dev.svcinfra.cli;

import dev.svcinfra.migrate.NewRevision;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql merge heads -m MSG} or {@code merge REV1 REV2 -m MSG}. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Write a merge revision whose down_revision lists every head (or the given "
            + "revisions).")
final class SqlMergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Parameters(arity = "1..*", paramLabel = "heads|REV")
  List<String> revisions;

  @Option(
      names = {"-m", "--message"},
      required = true,
      description = "What the merge joins.")
  String message;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    NewRevision merge = options.files(context).merge(message, revisions);
    context.out().println("wrote " + merge.file().orElseThrow());
    return SvcInfraCli.OK;
  }
}
