package dev.svcinfra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code svc-infra health}: probe a running service's health URL once, or wait for it. */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Probe a service's health URL (http://host:8080/_health/ready).")
final class HealthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return GroupUsage.print(spec);
  }
}
