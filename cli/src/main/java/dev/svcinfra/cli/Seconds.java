package dev.svcinfra.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns a {@code --timeout}/{@code --interval} value in seconds into a duration, refusing <= 0. */
final class Seconds {
  private Seconds() {}

  static Duration positive(CommandSpec spec, String option, double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new ParameterException(
          spec.commandLine(), option + " must be a positive number of seconds, got " + seconds);
    }
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }
}
