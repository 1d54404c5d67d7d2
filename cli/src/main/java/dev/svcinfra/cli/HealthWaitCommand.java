package dev.svcinfra.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra health wait URL [--timeout S] [--interval S] [--quiet] [--allow-degraded]}:
 * probes until healthy; exit 0 then, 1 with the last status at the deadline, 2 for a bad URL or
 * option. Progress goes to stderr, the final line to stdout.
 */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = "Probe a health URL until it reports healthy; exit 1 at the deadline.")
final class HealthWaitCommand implements Callable<Integer> {
  /** The most one attempt may take, so a hanging server still gets retried. */
  private static final Duration MAX_ATTEMPT = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Mixin ProbeTarget target;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "60",
      description = "Seconds to keep trying (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(
      names = "--interval",
      paramLabel = "S",
      defaultValue = "2",
      description = "Seconds between attempts (default ${DEFAULT-VALUE}).")
  double intervalSeconds;

  @Option(names = "--quiet", description = "Print nothing but the error at the deadline.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    Duration timeout = Seconds.positive(spec, "--timeout", timeoutSeconds);
    Duration interval = Seconds.positive(spec, "--interval", intervalSeconds);
    HealthProbe probe = target.probe(spec);
    CliContext context = CliContext.of(spec);
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    int attempts = 0;
    // The last attempt may be cut short by the deadline; the last answer the server gave says
    // more about why it is not ready than "no answer within 0.1 s".
    ProbeResult lastAnswer = null;
    while (true) {
      attempts++;
      long left = deadline - System.nanoTime();
      Duration attempt =
          Duration.ofNanos(
              Math.max(Math.min(left, MAX_ATTEMPT.toNanos()), TimeUnit.MILLISECONDS.toNanos(100)));
      ProbeResult result = probe.call(attempt);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      if (result.httpStatus() > 0) {
        lastAnswer = result;
      }
      if (target.accepts(result)) {
        if (!quiet) {
          context
              .out()
              .println(
                  result.status()
                      + "  "
                      + probe.display()
                      + "  after "
                      + attempts
                      + (attempts == 1 ? " attempt" : " attempts")
                      + " ("
                      + HealthProbe.seconds(waited)
                      + ")");
        }
        return SvcInfraCli.OK;
      }
      left = deadline - System.nanoTime();
      if (left <= 0) {
        context
            .err()
            .println(
                "error: "
                    + probe.display()
                    + " is not healthy after "
                    + HealthProbe.seconds(timeout)
                    + " ("
                    + attempts
                    + (attempts == 1 ? " attempt" : " attempts")
                    + "); last status "
                    + (result.httpStatus() == 0 && lastAnswer != null ? lastAnswer : result)
                        .summary());
        return SvcInfraCli.FAILURE;
      }
      long pause = Math.min(interval.toNanos(), left);
      if (!quiet) {
        context
            .err()
            .println(
                "waiting for "
                    + probe.display()
                    + ": "
                    + result.summary()
                    + "; retrying in "
                    + HealthProbe.seconds(Duration.ofNanos(pause)));
      }
      TimeUnit.NANOSECONDS.sleep(pause);
    }
  }
}
