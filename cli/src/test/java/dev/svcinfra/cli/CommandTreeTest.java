package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {
  private static CommandLine build(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return CommandTree.build(new RootCommand(new CliContext(Env.of(Map.of()), sink, sink)), args);
  }

  @Test
  void theRootHelpBuildsTheGroupsButNoneOfTheirCommands() {
    CommandLine cli = build("--help");
    assertThat(cli.getSubcommands()).containsOnlyKeys("sql", "mongo", "health", "backup");
    cli.getSubcommands().values().forEach(group -> assertThat(group.getSubcommands()).isEmpty());
  }

  @Test
  void aRunBuildsTheCommandsOfTheGroupItNames() {
    CommandLine cli = build("sql", "upgrade", "head");
    assertThat(cli.getSubcommands().get("sql").getSubcommands())
        .containsKeys("url", "upgrade", "downgrade", "check", "repair", "baseline")
        .hasSize(14);
    assertThat(cli.getSubcommands().get("mongo").getSubcommands()).isEmpty();
  }

  @Test
  void optionsOfTheRootReachTheCommandsAddedLater() {
    CommandLine upgrade =
        build("sql", "upgrade").getSubcommands().get("sql").getSubcommands().get("upgrade");
    assertThat(upgrade.getCommandSpec().findOption("--driver-path")).isNotNull();
    assertThat(upgrade.getCommandSpec().findOption("-v")).isNotNull();
  }
}
