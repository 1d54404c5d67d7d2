package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every offline ({@code --sql}) example the docs and {@code --help} show runs as written (issue 19:
 * {@code downgrade head:-1 --sql} failed with "no revision 'head'"). The database URL points at a
 * closed loopback port, so an example that tried to connect would fail.
 */
class DocumentedOfflineExamplesTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("svc-infra (sql (?:upgrade|downgrade) [^#>`\\[|\\n]*--sql[^#>`\\[|\\n]*)");
  private static final Pattern HELP_RANGE = Pattern.compile("e\\.g\\. ([a-z0-9]+:[-+a-z0-9]+)");

  @TempDir Path project;

  @Test
  void everyDocumentedOfflineExampleRuns() throws IOException {
    String scripts = project.resolve("migrations").toString();
    Map<String, String> env = Map.of("SQL_URL", "postgresql://app@127.0.0.1:1/app");
    assertThat(CliRun.of(env, "sql", "init", "--script-location", scripts).status()).isZero();
    for (String id : List.of("1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081")) {
      CliRun rev =
          CliRun.of(
              env, "sql", "revision", "-m", "r" + id, "--rev-id", id, "--script-location", scripts);
      assertThat(rev.status()).as(rev.all()).isZero();
    }

    List<String> examples = new ArrayList<>();
    for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "migrations.md"))) {
      Matcher m = EXAMPLE.matcher(Files.readString(doc));
      while (m.find()) {
        examples.add(m.group(1).strip());
      }
    }
    Matcher help = HELP_RANGE.matcher(CliRun.of(env, "sql", "downgrade", "--help").out());
    assertThat(help.find()).as("downgrade --help shows a range example").isTrue();
    examples.add("sql downgrade " + help.group(1) + " --sql");
    assertThat(examples).as("examples found in the docs").hasSizeGreaterThanOrEqualTo(4);

    for (String example : examples) {
      List<String> args = new ArrayList<>(List.of(example.split("\\s+")));
      args.addAll(List.of("--script-location", scripts));
      CliRun run = CliRun.of(env, args.toArray(String[]::new));
      assertThat(run.status()).as(example + ": " + run.err()).isZero();
      assertThat(run.out()).as(example).contains("svc_infra_version");
    }
  }

  @Test
  void symbolicStartsAreResolved() throws IOException {
    String scripts = project.resolve("migrations").toString();
    Map<String, String> env = Map.of();
    CliRun.of(env, "sql", "init", "--script-location", scripts);
    for (String id : List.of("1a2b3c4d5e6f", "2b3c4d5e6f70")) {
      CliRun.of(
          env, "sql", "revision", "-m", "r" + id, "--rev-id", id, "--script-location", scripts);
    }
    CliRun oneBack =
        CliRun.of(
            env,
            "sql",
            "downgrade",
            "head:-1",
            "--sql",
            "--dialect",
            "sqlite",
            "--script-location",
            scripts);
    assertThat(oneBack.status()).as(oneBack.err()).isZero();
    assertThat(oneBack.out())
        .contains("downgrade 2b3c4d5e6f70 -> 1a2b3c4d5e6f")
        .doesNotContain("downgrade 1a2b3c4d5e6f");
    CliRun all =
        CliRun.of(
            env,
            "sql",
            "downgrade",
            "heads:base",
            "--sql",
            "--dialect",
            "sqlite",
            "--script-location",
            scripts);
    assertThat(all.status()).as(all.err()).isZero();
    CliRun prefix =
        CliRun.of(
            env,
            "sql",
            "upgrade",
            "1a2b:head",
            "--sql",
            "--dialect",
            "sqlite",
            "--script-location",
            scripts);
    assertThat(prefix.status()).as(prefix.err()).isZero();
    assertThat(prefix.out()).contains("2b3c4d5e6f70");
    CliRun unknown =
        CliRun.of(
            env,
            "sql",
            "downgrade",
            "ffff:-1",
            "--sql",
            "--dialect",
            "sqlite",
            "--script-location",
            scripts);
    assertThat(unknown.status()).isNotZero();
    assertThat(unknown.err()).contains("no revision 'ffff'");
  }
}
