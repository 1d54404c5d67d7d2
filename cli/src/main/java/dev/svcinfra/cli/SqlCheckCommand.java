package dev.svcinfra.cli;

import dev.svcinfra.migrate.Drift;
import dev.svcinfra.migrate.SchemaDiff;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra sql check [--json]}: exit 0 when the models and the database (at head) agree and
 * no applied revision file changed; otherwise exit 1 with one line per difference.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Compare the models with the database; exit 1 and list the differences.")
final class SqlCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(names = "--json", description = "Print {\"clean\", \"differences\", \"drift\"}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    SchemaDiff diff;
    try (MigrationOptions.Session session = options.open(context)) {
      diff = session.migrations().check();
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("clean", diff.clean());
      doc.put(
          "differences",
          diff.differences().stream()
              .map(op -> Map.of("operation", kind(op), "description", op.describe()))
              .toList());
      doc.put(
          "drift",
          diff.drift().stream()
              .map(d -> Map.of("revision", d.revision(), "origin", d.origin()))
              .toList());
      Json.print(context.out(), doc);
    } else if (diff.clean()) {
      context.out().println("no differences: the database matches the models");
    } else {
      diff.differences().forEach(op -> context.out().println("  " + op.describe()));
      for (Drift d : diff.drift()) {
        context.out().println("  drift: " + d.describe());
      }
      context
          .err()
          .println(
              diff.differences().size()
                  + " difference(s) between the models and "
                  + "the database; write them with 'svc-infra sql revision --autogenerate -m MESSAGE'");
    }
    return diff.clean() ? SvcInfraCli.OK : SvcInfraCli.FAILURE;
  }

  /** {@code AddColumn} is {@code add_column}. */
  static String kind(MigrationOp op) {
    return op.getClass()
        .getSimpleName()
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .toLowerCase(Locale.ROOT);
  }
}
