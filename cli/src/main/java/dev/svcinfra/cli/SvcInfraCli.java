package dev.svcinfra.cli;

import dev.svcinfra.config.Env;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/**
 * Builds and runs the {@code svc-infra} command line. Tests call {@link #run} with their own
 * environment and streams; {@link Main} calls it with the process's.
 *
 * <pre>{@code
 * int status = SvcInfraCli.run(new String[] {"sql", "url", "--json"}, env, out, err);
 * }</pre>
 *
 * @since 0.1
 */
public final class SvcInfraCli {
  /** Success. */
  public static final int OK = 0;

  /** The command ran and failed (database down, check found differences, ...). */
  public static final int FAILURE = 1;

  /** Wrong usage or configuration: nothing was attempted. */
  public static final int USAGE = 2;

  private SvcInfraCli() {}

  public static int run(String[] args, Env env, PrintStream out, PrintStream err) {
    CliContext context = new CliContext(env, out, err);
    CommandLine cli = CommandTree.build(new RootCommand(context), args);
    // picocli prints usage and help in the platform charset, as the PrintStreams it wraps do.
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
    cli.setExecutionExceptionHandler(new ErrorReporter(context));
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("error: " + e.getMessage());
          e.getCommandLine().usage(err);
          return USAGE;
        });
    return cli.execute(args);
  }
}
