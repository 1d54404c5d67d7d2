package dev.svcinfra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql}: URL, migrations and schema checks. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "SQL databases: resolved URL, migrations, schema checks.")
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return GroupUsage.print(spec);
  }
}
