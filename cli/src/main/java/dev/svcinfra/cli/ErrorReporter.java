package dev.svcinfra.cli;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.sql.DriverMissingException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and the exit status its {@link ErrorCode} names (2
 * for usage and configuration errors, 1 for other failures). With {@code --json} the error is also
 * printed on stdout as {@code {"error":{"code","message"}}}. Anything that is not ours is a bug and
 * keeps its stack trace on stderr.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final String DRIVER_HINT =
      DriverPath.OPTION + " DIR or " + DriverPath.VARIABLE + " (a directory of driver jars)";

  private final CliContext context;

  ErrorReporter(CliContext context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof SvcInfraException failure) {
      String message = failure.getMessage();
      if (failure instanceof DriverMissingException) {
        // The library's advice is a Maven dependency; the CLI's jar takes drivers from a path.
        message += "; the svc-infra CLI loads drivers it does not carry from " + DRIVER_HINT;
      }
      context.err().println("error: " + message);
      if (wantsJson(parsed)) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", failure.code().wireName());
        error.put("message", message);
        Json.print(context.out(), Map.of("error", error));
      }
      return failure.code().exitStatus();
    }
    context.err().println("error: unexpected failure (a bug in svc-infra; please report it):");
    e.printStackTrace(context.err());
    return SvcInfraCli.FAILURE;
  }

  private static boolean wantsJson(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }
}
