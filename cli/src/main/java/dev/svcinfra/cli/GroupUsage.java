package dev.svcinfra.cli;

import picocli.CommandLine.Model.CommandSpec;

/** What a command group does when called without a sub-command: usage on stderr, status 2. */
final class GroupUsage {
  private GroupUsage() {}

  static int print(CommandSpec spec) {
    java.io.PrintStream err = CliContext.of(spec).err();
    err.println("error: '" + spec.qualifiedName() + "' needs a sub-command");
    spec.commandLine().usage(err);
    return SvcInfraCli.USAGE;
  }
}
