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
  private record Group(String name, Class<?> command, List<Class<?>> commands) {}

  private static final List<Group> GROUPS =
      List.of(
          new Group(
              "sql",
              SqlCommand.class,
              List.of(
                  SqlUrlCommand.class,
                  SqlInitCommand.class,
                  SqlRevisionCommand.class,
                  SqlUpgradeCommand.class,
                  SqlDowngradeCommand.class,
                  SqlCurrentCommand.class,
                  SqlHeadsCommand.class,
                  SqlBranchesCommand.class,
                  SqlHistoryCommand.class,
                  SqlStampCommand.class,
                  SqlMergeCommand.class,
                  SqlCheckCommand.class)),
          new Group(
              "mongo",
              MongoCommand.class,
              List.of(MongoPingCommand.class, MongoPrepareCommand.class)),
          new Group(
              "health",
              HealthCommand.class,
              List.of(HealthCheckCommand.class, HealthWaitCommand.class)),
          new Group("backup", BackupCommand.class, List.of(BackupVerifyCommand.class)));

  private CommandTree() {}

  /** The command line of {@code root} with the groups, and the commands of the groups named. */
  static CommandLine build(RootCommand root, String[] args) {
    List<String> words = List.of(args);
    CommandLine cli = new CommandLine(root);
    for (Group group : GROUPS) {
      CommandLine groupLine = new CommandLine(group.command());
      if (words.contains(group.name())) {
        group.commands().forEach(groupLine::addSubcommand);
      }
      cli.addSubcommand(groupLine);
    }
    return cli;
  }
}
