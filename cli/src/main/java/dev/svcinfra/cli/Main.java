package dev.svcinfra.cli;

import dev.svcinfra.config.Env;

/**
 * Entry point of {@code svc-infra.jar}: runs the command line against the process environment and
 * exits with its status (0 ok, 1 failure, 2 usage or configuration error).
 *
 * @since 0.1
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(SvcInfraCli.run(args, Env.system(), System.out, System.err));
  }
}
