package dev.svcinfra.cli;

import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;

/** What a command group does when called without a sub-command: usage on stderr, status 2. */
final class GroupUsage {
  private GroupUsage() {}

  static int print(CommandSpec spec) {
    PrintStream err = CliContext.of(spec).err();
    err.println("error: '" + spec.qualifiedName() + "' needs a sub-command");
    spec.commandLine().usage(err);
    return SvcInfraCli.USAGE;
  }
}
