package dev.svcinfra.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra health check URL [--timeout S] [--json] [--verbose] [--allow-degraded]}: one
 * probe; exit 0 when healthy, 1 otherwise (degraded too, unless allowed), 2 for a bad URL or
 * option.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Probe a health URL once; exit 0 only when it reports healthy.")
final class HealthCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProbeTarget target;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "5",
      description = "Seconds to wait for connect plus answer (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(
      names = "--json",
      description = "Print {\"url\",\"status\",\"http_status\",\"latency_ms\",\"checks\"}.")
  boolean json;

  @Option(names = "--verbose", description = "List every check, not only the failing ones.")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    Duration timeout = Seconds.positive(spec, "--timeout", timeoutSeconds);
    HealthProbe probe = target.probe(spec);
    CliContext context = CliContext.of(spec);
    ProbeResult result = probe.call(timeout);
    if (json) {
      Json.print(context.out(), result.asJson());
    } else {
      result.printText(context.out(), verbose);
    }
    return target.accepts(result) ? SvcInfraCli.OK : SvcInfraCli.FAILURE;
  }
}
