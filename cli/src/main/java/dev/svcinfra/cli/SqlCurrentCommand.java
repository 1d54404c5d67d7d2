package dev.svcinfra.cli;

import dev.svcinfra.migrate.Drift;
import dev.svcinfra.migrate.MigrationStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql current [--json]}: the applied heads and any drift. */
@Command(
    name = "current",
    mixinStandardHelpOptions = true,
    description = "Print the revisions the database is at, and applied files that changed since.")
final class SqlCurrentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(
      names = "--json",
      description = "Print {\"current\": [ids], \"heads\", \"at_head\", \"drift\"}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    MigrationStatus status;
    try (MigrationOptions.Session session = options.open(context)) {
      status = session.migrations().current();
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("current", status.current());
      doc.put("heads", status.heads());
      doc.put("at_head", status.atHead());
      doc.put(
          "drift",
          status.drift().stream()
              .map(
                  d ->
                      Map.of(
                          "revision",
                          d.revision(),
                          "origin",
                          d.origin(),
                          "applied_checksum",
                          d.appliedChecksum(),
                          "file_checksum",
                          d.fileChecksum()))
              .toList());
      Json.print(context.out(), doc);
    } else {
      List<String> current = status.current();
      if (current.isEmpty()) {
        context.out().println("<base> (nothing applied)");
      }
      for (String id : current) {
        context.out().println(id + (status.heads().contains(id) ? " (head)" : ""));
      }
    }
    for (Drift d : status.drift()) {
      context.err().println("drift: " + d.describe());
    }
    return SvcInfraCli.OK;
  }
}
