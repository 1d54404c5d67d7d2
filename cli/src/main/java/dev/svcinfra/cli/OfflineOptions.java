package dev.svcinfra.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --sql} and {@code --dialect}: print the SQL instead of running it, for a dialect. */
final class OfflineOptions {
  @Option(
      names = "--sql",
      description =
          "Print the SQL (including version-table statements) "
              + "instead of running it; changes nothing.")
  boolean sql;

  @Option(
      names = "--dialect",
      paramLabel = "NAME",
      description = "With --sql: render for this dialect without any database URL.")
  String dialect;

  /** {@code --dialect} means nothing without {@code --sql}: refused before any work. */
  void check(CommandSpec spec) {
    if (dialect != null && !sql) {
      throw new ParameterException(spec.commandLine(), "--dialect only applies with --sql");
    }
  }

  /** {@code FROM:TO} only makes sense offline, where there is no version table to start from. */
  void refuseRange(CommandSpec spec, String target) {
    if (target.contains(":")) {
      throw new ParameterException(spec.commandLine(), "FROM:TO targets are for --sql only");
    }
  }
}
