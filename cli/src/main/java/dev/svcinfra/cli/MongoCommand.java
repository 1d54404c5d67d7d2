package dev.svcinfra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code svc-infra mongo}: reachability and declared indexes. */
@Command(
    name = "mongo",
    mixinStandardHelpOptions = true,
    description = "MongoDB: ping the configured server, create declared indexes.")
final class MongoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return GroupUsage.print(spec);
  }
}
