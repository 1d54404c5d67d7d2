package dev.svcinfra.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The command groups ({@code sql}, {@code mongo}, {@code health}, {@code backup}) and their
 * commands.
 *
 * <p>picocli builds its model of a command by reflecting over the class, and most of a run's
 * start-up went into building the model of every command, including the twenty the run never
 * reaches. So a group's commands are registered only when the arguments name the group: {@code
 * svc-infra --help} builds the root and the four groups, {@code svc-infra sql upgrade} the root,
 * the groups and the {@code sql} commands. Help, errors and suggestions are the same, since picocli
 * only ever looks at the commands of the group a run names.
 */
final class CommandTree {
  private record Group(String name, String description, List<Class<?>> commands) {}

  private static final List<Group> GROUPS =
      List.of(
          new Group(
              "sql",
              "SQL databases: resolved URL, migrations, schema checks.",
              List.of(
                  SqlUrlCommand.class,
                  SqlInitCommand.class,
                  SqlRevisionCommand.class,
                  SqlBaselineCommand.class,
                  SqlUpgradeCommand.class,
                  SqlDowngradeCommand.class,
                  SqlCurrentCommand.class,
                  SqlHeadsCommand.class,
                  SqlBranchesCommand.class,
                  SqlHistoryCommand.class,
                  SqlStampCommand.class,
                  SqlRepairCommand.class,
                  SqlMergeCommand.class,
                  SqlCheckCommand.class)),
          new Group(
              "mongo",
              "MongoDB: ping the configured server, create declared indexes.",
              List.of(MongoPingCommand.class, MongoPrepareCommand.class)),
          new Group(
              "health",
              "Probe a service's health URL (http://host:8080/_health/ready).",
              List.of(HealthCheckCommand.class, HealthWaitCommand.class)),
          new Group(
              "backup",
              "Backups: age, integrity and a restore test.",
              List.of(BackupVerifyCommand.class)));

  private CommandTree() {}

  /** The command line of {@code root} with the groups, and the commands of the groups named. */
  static CommandLine build(RootCommand root, String[] args) {
    List<String> words = List.of(args);
    CommandLine cli = new CommandLine(root);
    for (Group group : GROUPS) {
      CommandLine groupLine = GroupCommand.named(group.name(), group.description());
      if (words.contains(group.name())) {
        group.commands().forEach(groupLine::addSubcommand);
      }
      cli.addSubcommand(groupLine);
    }
    return cli;
  }
}
