package dev.svcinfra.cli;

import dev.svcinfra.migrate.NewRevision;
import dev.svcinfra.migrate.RevisionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra sql baseline -m MSG}: a first revision from the live schema, with the database
 * stamped at it, so an existing database joins the history without running anything.
 */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    description = {
      "Adopt an existing database: write a first revision creating its tables as they are"
          + " (rendered for the target dialects) and stamp the database at it.",
      "ALEMBIC_INCLUDE_TABLES / ALEMBIC_EXCLUDE_TABLES choose the tables."
    })
final class SqlBaselineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(
      names = {"-m", "--message"},
      defaultValue = "baseline",
      description = "The revision's message (default: ${DEFAULT-VALUE}).")
  String message;

  @Option(
      names = "--rev-id",
      paramLabel = "ID",
      description = "Revision id (default: 12 random hex).")
  String revId;

  @Mixin DialectsOption dialects;

  @Option(names = "--sql", description = "Print the revision; write nothing, stamp nothing.")
  boolean printOnly;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    RevisionRequest request =
        RevisionRequest.empty()
            .withRevId(revId)
            .withDialects(dialects.dialects())
            .withPrintOnly(printOnly);
    try (MigrationOptions.Session session = options.open(context)) {
      NewRevision created = session.migrations().baseline(message, request);
      if (created.file().isPresent()) {
        context.out().println("wrote " + created.file().get());
        context.out().println("stamped " + created.id());
      } else {
        context.out().print(created.text());
      }
    }
    return SvcInfraCli.OK;
  }
}
