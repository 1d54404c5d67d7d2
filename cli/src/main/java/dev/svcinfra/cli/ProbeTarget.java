package dev.svcinfra.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The probe URL and what counts as success: mixed into {@code health check} and {@code health
 * wait}.
 */
final class ProbeTarget {
  @Parameters(
      index = "0",
      paramLabel = "URL",
      description = "Full probe URL, e.g. http://localhost:8080/_health/ready")
  String url;

  @Option(names = "--allow-degraded", description = "Accept degraded as well as healthy.")
  boolean allowDegraded;

  HealthProbe probe(CommandSpec spec) {
    return HealthProbe.of(url, spec);
  }

  boolean accepts(ProbeResult result) {
    return result.acceptable(allowDegraded);
  }
}
