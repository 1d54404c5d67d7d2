package dev.svcinfra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code svc-infra}: the command groups. */
@Command(
    name = "svc-infra",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Database infrastructure for Java services: URLs, migrations, health, backups.")
final class RootCommand implements Callable<Integer> {
  final CliContext context;

  @Spec CommandSpec spec;

  /** Read by {@link Main} before the command line is parsed; declared here for help and parsing. */
  @Option(
      names = DriverPath.OPTION,
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description =
          "Directories of JDBC driver jars (or jars) to load beside the built-in PostgreSQL,"
              + " MySQL, MariaDB and SQLite drivers: DuckDB, SQL Server, Snowflake, H2."
              + " Beats SVC_INFRA_DRIVERS.")
  String driverPath;

  @Option(
      names = "-v",
      scope = ScopeType.INHERIT,
      description = "Also print the libraries' INFO logs (connection pool, MongoDB driver).")
  void verbose(boolean on) {
    if (on) {
      Logging.verbose();
    }
  }

  RootCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return GroupCommand.usage(spec);
  }
}
