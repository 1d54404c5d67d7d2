package dev.svcinfra.cli;

import dev.svcinfra.config.Env;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command needs from its surroundings: the environment to resolve settings from and the
 * two output streams (stdout carries only results; logs and warnings go to stderr).
 */
record CliContext(Env env, PrintStream out, PrintStream err) {

  /** The context of the command line {@code spec} belongs to. */
  static CliContext of(CommandSpec spec) {
    return ((RootCommand) spec.root().userObject()).context;
  }
}
