package dev.svcinfra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code svc-infra}: the command groups. */
@Command(
    name = "svc-infra",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Database infrastructure for Java services: URLs, migrations, health, backups.",
    subcommands = {SqlCommand.class, MongoCommand.class, HealthCommand.class, BackupCommand.class})
final class RootCommand implements Callable<Integer> {
  final CliContext context;

  @Spec CommandSpec spec;

  RootCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return GroupUsage.print(spec);
  }
}
