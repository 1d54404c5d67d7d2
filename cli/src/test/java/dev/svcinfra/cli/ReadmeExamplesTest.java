package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code $ VAR=value bin/svc-infra ...} example of the README's shell blocks and
 * compares its output with the lines the README shows below it, so the docs cannot drift.
 */
class ReadmeExamplesTest {
  private static final Pattern COMMAND =
      Pattern.compile("^\\$ ((?:[A-Z_]+='[^']*' )*)bin/svc-infra (.*)$");
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z_]+)='([^']*)'");

  record Example(Map<String, String> env, List<String> args, String expected) {}

  @Test
  void readmeShellExamplesPrintWhatTheReadmeSays() throws IOException {
    List<Example> examples = examples(Files.readAllLines(Path.of("..", "README.md")));
    assertThat(examples).isNotEmpty();
    for (Example example : examples) {
      CliRun run = CliRun.of(example.env(), example.args().toArray(String[]::new));
      assertThat(run.status()).as("exit status of %s", example.args()).isZero();
      assertThat(run.out().strip())
          .as("output of %s", example.args())
          .isEqualTo(example.expected().strip());
    }
  }

  private static List<Example> examples(List<String> lines) {
    List<Example> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = COMMAND.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      Map<String, String> env = new LinkedHashMap<>();
      Matcher a = ASSIGNMENT.matcher(m.group(1));
      while (a.find()) {
        env.put(a.group(1), a.group(2));
      }
      StringBuilder expected = new StringBuilder();
      int j = i + 1;
      for (;
          j < lines.size() && !lines.get(j).startsWith("```") && !lines.get(j).startsWith("$ ");
          j++) {
        expected.append(lines.get(j)).append('\n');
      }
      found.add(new Example(env, List.of(m.group(2).split(" ")), expected.toString()));
      i = j - 1;
    }
    return found;
  }
}
