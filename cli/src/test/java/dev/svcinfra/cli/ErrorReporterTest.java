package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A failed command exits with its code's exit status and, with {@code --json}, prints the code's
 * wire name: the same table as the HTTP layer's (issue 17).
 */
class ErrorReporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(name = "fail")
  static final class Fail implements Callable<Integer> {
    @Option(names = "--json")
    boolean json;

    @Option(names = "--code")
    String code;

    @Override
    public Integer call() {
      throw new SvcInfraException(ErrorCode.fromWireName(code).orElseThrow(), "it failed");
    }
  }

  @Test
  void everyCodeExitsWithItsStatusAndPrintsItsWireName() throws Exception {
    for (ErrorCode code : ErrorCode.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliContext context =
          new CliContext(
              Env.of(Map.of()),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(new Fail());
      cli.setExecutionExceptionHandler(new ErrorReporter(context));
      int status = cli.execute("--json", "--code", code.wireName());
      assertThat(status).as(code.wireName()).isEqualTo(code.exitStatus());
      JsonNode error = JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("error");
      assertThat(error.get("code").asText()).isEqualTo(code.wireName());
      assertThat(error.get("message").asText()).isEqualTo("it failed");
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo("error: it failed" + System.lineSeparator());
    }
    assertThat(SvcInfraCli.FAILURE).isEqualTo(ErrorCode.DATABASE_ERROR.exitStatus());
    assertThat(SvcInfraCli.USAGE).isEqualTo(ErrorCode.INVALID_SETTING.exitStatus());
  }
}
