package dev.svcinfra.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command group ({@code sql}, {@code mongo}, {@code health}, {@code backup}): its commands do the
 * work; called without one, it prints its usage on stderr and exits 2. The groups differ only in
 * name and description, so one class serves them all.
 */
@Command(mixinStandardHelpOptions = true)
final class GroupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The command line of a group, without its commands. */
  static CommandLine named(String name, String description) {
    CommandLine line = new CommandLine(new GroupCommand());
    line.getCommandSpec().name(name).usageMessage().description(description);
    return line;
  }

  @Override
  public Integer call() {
    return usage(spec);
  }

  /** What a group, or the root, does when called without a sub-command. */
  static int usage(CommandSpec spec) {
    PrintStream err = CliContext.of(spec).err();
    err.println("error: '" + spec.qualifiedName() + "' needs a sub-command");
    spec.commandLine().usage(err);
    return SvcInfraCli.USAGE;
  }
}
