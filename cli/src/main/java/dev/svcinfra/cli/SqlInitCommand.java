package dev.svcinfra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code svc-infra sql init}: creates the script location, {@code versions/} and the config. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create the migrations directory with versions/ and a configuration file.")
final class SqlInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MigrationOptions options;

  @Option(names = "--overwrite", description = "Replace an existing configuration file.")
  boolean overwrite;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    var migrations = options.files(context);
    Path config = migrations.init(overwrite);
    context
        .out()
        .println(
            "created "
                + migrations.settings().scriptLocation().resolve("versions")
                + " and "
                + config);
    return SvcInfraCli.OK;
  }
}
