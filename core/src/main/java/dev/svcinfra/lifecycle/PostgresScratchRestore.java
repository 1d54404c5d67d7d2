package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseException;
import dev.svcinfra.sql.dialect.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * PostgreSQL restore test: creates an empty scratch database (from {@code template0}) on the live
 * database's server, restores into it with {@code pg_restore} (custom and tar archives) or {@code
 * psql} (plain SQL, gzip-compressed or not), counts what arrived and drops it again. The live
 * database is only read: its connection issues the {@code CREATE/DROP DATABASE} of the scratch
 * database and, when asked, lists its tables.
 */
final class PostgresScratchRestore implements ScratchRestore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /** SQLSTATE duplicate_database. */
  private static final String DUPLICATE_DATABASE = "42P04";

  /** SQLSTATE object_in_use: a connection to the scratch database is still closing. */
  private static final String OBJECT_IN_USE = "55006";

  @Override
  public RestoreReport restore(
      Path backup,
      BackupFormat format,
      BackupFormat content,
      DatabaseSettings live,
      RestoreOptions options) {
    String liveName =
        live.primary()
            .url()
            .database()
            .orElseThrow(
                () ->
                    new ConfigException(
                        ErrorCode.INVALID_DATABASE_URL,
                        "the database URL "
                            + live.primary().url()
                            + " names no database; the restore test needs the live database's server and name"));
    String scratch = scratchName(options, liveName);
    List<String> command =
        command(content, format, scratch, backup, new PgTools(options.toolDirectories()));
    Map<String, String> env = PgClientEnvironment.of(live, scratch);
    try (Database admin = Database.open(ScratchRestore.single(live, live.primary()))) {
      Dialect dialect = admin.dialect();
      create(admin, dialect, scratch);
      List<BackupProblem> problems = new ArrayList<>();
      Map<String, Long> counts = Map.of();
      Optional<TableComparison> comparison = Optional.empty();
      long started = System.nanoTime();
      Duration took = Duration.ZERO;
      boolean dropped = false;
      try {
        ToolRun.Outcome outcome =
            ToolRun.run(
                command,
                env,
                PgClientEnvironment.UNSET,
                feeder(backup, format, content),
                options.timeout(),
                live.primary().url().password().orElse(null));
        took = Duration.ofNanos(System.nanoTime() - started);
        if (!outcome.succeeded()) {
          problems.add(failure(command.get(0), outcome, options.timeout()));
        } else {
          ResolvedUrl scratchUrl =
              new ResolvedUrl(
                  live.primary().url().toBuilder().database(scratch).build(), "scratch database");
          try (Database restored = Database.open(ScratchRestore.single(live, scratchUrl));
              Connection c = unbounded(restored.connection())) {
            counts = TableCensus.rowCounts(c, dialect);
          }
          if (options.compareWithLive()) {
            try (Connection c = unbounded(admin.connection())) {
              comparison =
                  Optional.of(TableComparison.of(TableCensus.tables(c, dialect), counts.keySet()));
            }
          }
        }
      } catch (IOException | SQLException e) {
        problems.add(
            new BackupProblem(
                BackupProblem.Kind.RESTORE_FAILED,
                "the restore test of " + backup + " failed: " + e.getMessage()));
      } finally {
        dropped = drop(admin, dialect, scratch, problems);
      }
      RestoreResults.judge(problems, counts, comparison);
      return new RestoreReport(
          backup,
          content,
          dialect.name(),
          scratch,
          Path.of(command.get(0)).getFileName().toString(),
          counts,
          took,
          comparison,
          dropped,
          problems);
    }
  }

  static String scratchName(RestoreOptions options, String liveName) {
    String name =
        options
            .scratchDatabase()
            .orElseGet(
                () ->
                    "svcinfra_restore_"
                        + Long.toHexString(System.currentTimeMillis())
                        + "_"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16)));
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the scratch database name '"
              + name
              + "' must be a letter or underscore followed by up to 62 letters, digits or "
              + "underscores");
    }
    if (name.toLowerCase(Locale.ROOT).equals(liveName.toLowerCase(Locale.ROOT))) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the scratch database '"
              + name
              + "' is the live database; a restore test never restores into the live database, "
              + "choose another name");
    }
    return name;
  }

  /** The program and arguments; connection settings travel in the environment instead. */
  static List<String> command(
      BackupFormat content, BackupFormat format, String scratch, Path backup, PgTools tools) {
    return switch (content) {
      case PG_CUSTOM, PG_TAR -> {
        List<String> args =
            new ArrayList<>(
                List.of(
                    tools.find("pg_restore").toString(),
                    "--no-owner",
                    "--no-privileges",
                    "--no-tablespaces",
                    "--no-publications",
                    "--no-subscriptions",
                    "--exit-on-error",
                    "--dbname",
                    scratch));
        if (format != BackupFormat.GZIP) {
          args.add(backup.toString()); // else the decompressed archive arrives on stdin
        }
        yield args;
      }
      case PLAIN_SQL ->
          List.of(
              tools.find("psql").toString(),
              "--no-psqlrc",
              "--quiet",
              "--set",
              "ON_ERROR_STOP=1",
              "--dbname",
              scratch,
              "--file",
              "-");
      default ->
          throw new ConfigException(
              ErrorCode.INVALID_SETTING,
              backup
                  + " holds "
                  + content.wireName()
                  + ", which cannot be restored into PostgreSQL; point "
                  + "--database-url at a database of the kind that made the backup");
    };
  }

  private static ToolRun.Feeder feeder(Path backup, BackupFormat format, BackupFormat content) {
    if (content == BackupFormat.PLAIN_SQL) {
      return stdin -> {
        try (InputStream in = ScratchRestore.open(backup, format)) {
          return ScratchRestore.copyGuarded(in, stdin);
        }
      };
    }
    if (format == BackupFormat.GZIP) {
      return stdin -> {
        try (InputStream in = ScratchRestore.open(backup, format)) {
          in.transferTo(stdin);
          return Optional.empty();
        }
      };
    }
    return null;
  }

  private static void create(Database admin, Dialect dialect, String scratch) {
    try (Connection c = unbounded(admin.connection());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + dialect.quote(scratch) + " TEMPLATE template0");
    } catch (SQLException e) {
      if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING,
            "the scratch database '"
                + scratch
                + "' already exists; the restore test only uses a database it creates "
                + "itself and leaves that one alone: choose another name or drop it yourself");
      }
      throw new DatabaseException(
          ErrorCode.RESTORE_FAILED,
          "cannot create the scratch database '"
              + scratch
              + "' on "
              + admin.displayUrl()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static boolean drop(
      Database admin, Dialect dialect, String scratch, List<BackupProblem> problems) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = unbounded(admin.connection());
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + dialect.quote(scratch));
        return true;
      } catch (SQLException e) {
        if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == 10) {
          return dropFailed(scratch, e, problems);
        }
        sleep();
      } catch (DatabaseException e) {
        return dropFailed(scratch, e, problems);
      }
    }
  }

  /**
   * Lifts the pool's socket timeout (DB_SOCKET_TIMEOUT, meant for requests) off a connection doing
   * restore work: creating and dropping a database or counting the rows of a large one may take
   * longer than a request ever should, and the server is known to be alive. The pool restores its
   * value when the connection comes back.
   */
  private static Connection unbounded(Connection c) throws SQLException {
    c.setNetworkTimeout(Runnable::run, 0);
    return c;
  }

  private static boolean dropFailed(String scratch, Exception e, List<BackupProblem> problems) {
    problems.add(
        new BackupProblem(
            BackupProblem.Kind.RESTORE_FAILED,
            "the scratch database '"
                + scratch
                + "' could not be dropped (drop it by hand): "
                + e.getMessage()));
    return false;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static BackupProblem failure(String program, ToolRun.Outcome outcome, Duration timeout) {
    String name = Path.of(program).getFileName().toString();
    String why =
        outcome
            .refused()
            .orElse(
                outcome.timedOut()
                    ? name + " did not finish within " + Ages.describe(timeout)
                    : name
                        + " exited with status "
                        + outcome.exitCode()
                        + (outcome.stderr().isEmpty() ? "" : ": " + outcome.stderr()));
    return new BackupProblem(BackupProblem.Kind.RESTORE_FAILED, why);
  }
}
