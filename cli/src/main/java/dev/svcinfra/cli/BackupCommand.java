package dev.svcinfra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code svc-infra backup}: backup verification. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Backups: age, integrity and a restore test.")
final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return GroupUsage.print(spec);
  }
}
