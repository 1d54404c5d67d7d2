package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.SqliteOpenFlags;
import dev.svcinfra.sql.dialect.internal.StatementSplitter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SQLite restore test: a plain SQL dump ({@code sqlite3 .dump}, gzip-compressed or not) is run
 * statement by statement through JDBC into a scratch file, or a copied database file is copied
 * again and checked with {@code PRAGMA integrity_check}; then the tables are counted and the
 * scratch file deleted. The live database file is never written; it is opened only to list its
 * tables when a comparison is asked for.
 */
final class SqliteScratchRestore implements ScratchRestore {
  private static final List<String> COMPANION_SUFFIXES = List.of("", "-journal", "-wal", "-shm");

  @Override
  public RestoreReport restore(
      Path backup,
      BackupFormat format,
      BackupFormat content,
      DatabaseSettings live,
      RestoreOptions options) {
    if (content != BackupFormat.PLAIN_SQL && content != BackupFormat.SQLITE_DATABASE) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          backup
              + " holds "
              + content.wireName()
              + ", which cannot be restored into SQLite; point --database-url "
              + "at a database of the kind that made the backup");
    }
    Optional<Path> livePath =
        live.primary()
            .url()
            .database()
            .filter(db -> !db.equals(":memory:"))
            .map(db -> Path.of(db).toAbsolutePath().normalize());
    Path scratchDir = null;
    Path scratch;
    try {
      if (options.scratchDatabase().isPresent()) {
        scratch = chosenScratch(options.scratchDatabase().get(), livePath);
      } else {
        scratchDir = Files.createTempDirectory("svc-infra-restore-");
        scratch = scratchDir.resolve("scratch.db");
      }
    } catch (IOException e) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE,
          "cannot create a scratch directory for the restore test: " + e,
          e);
    }
    List<BackupProblem> problems = new ArrayList<>();
    Map<String, Long> counts = Map.of();
    Optional<TableComparison> comparison = Optional.empty();
    long started = System.nanoTime();
    Duration took = Duration.ZERO;
    boolean dropped;
    try {
      if (content == BackupFormat.SQLITE_DATABASE) {
        try (InputStream in = ScratchRestore.open(backup, format)) {
          Files.copy(in, scratch);
        }
      }
      ResolvedUrl scratchUrl =
          new ResolvedUrl(
              DatabaseUrl.builder("sqlite").database(scratch.toString()).build(),
              "scratch database");
      try (Database restored = Database.open(ScratchRestore.single(live, scratchUrl));
          Connection c = restored.connection()) {
        Optional<String> failure =
            content == BackupFormat.SQLITE_DATABASE
                ? integrityProblem(c)
                : runScript(c, backup, format);
        took = Duration.ofNanos(System.nanoTime() - started);
        if (failure.isPresent()) {
          problems.add(new BackupProblem(BackupProblem.Kind.RESTORE_FAILED, failure.get()));
        } else {
          counts = TableCensus.rowCounts(c, restored.dialect());
        }
      }
      if (options.compareWithLive() && problems.isEmpty()) {
        comparison = Optional.of(TableComparison.of(liveTables(live, livePath), counts.keySet()));
      }
    } catch (IOException | SQLException e) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.RESTORE_FAILED,
              "the restore test of " + backup + " failed: " + e.getMessage()));
    } finally {
      dropped = delete(scratch, scratchDir, problems);
    }
    RestoreResults.judge(problems, counts, comparison);
    return new RestoreReport(
        backup,
        content,
        "sqlite",
        scratch.toString(),
        content == BackupFormat.SQLITE_DATABASE ? "copy" : "jdbc",
        counts,
        took,
        comparison,
        dropped,
        problems);
  }

  private static Path chosenScratch(String name, Optional<Path> livePath) throws IOException {
    Path scratch = Path.of(name).toAbsolutePath().normalize();
    boolean isLive =
        livePath.isPresent()
            && (scratch.equals(livePath.get())
                || (Files.exists(scratch)
                    && Files.exists(livePath.get())
                    && Files.isSameFile(scratch, livePath.get())));
    if (isLive) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the scratch database "
              + scratch
              + " is the live database; a restore test never restores into the live database, "
              + "choose another file");
    }
    if (Files.exists(scratch)) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the scratch database "
              + scratch
              + " already exists; the restore test only uses a file it creates itself");
    }
    Path parent = scratch.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return scratch;
  }

  /** Runs the dump statement by statement; answers why it stopped, if it did. */
  private static Optional<String> runScript(Connection c, Path backup, BackupFormat format)
      throws IOException {
    ScriptGuard guard = new ScriptGuard();
    StatementSplitter statements = new StatementSplitter(SqlSyntax.SQLITE);
    long executed = 0;
    try (InputStream in = ScratchRestore.open(backup, format);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Statement st = c.createStatement()) {
      String line;
      while ((line = reader.readLine()) != null) {
        Optional<String> refused = guard.refuse(line);
        if (refused.isPresent()) {
          return refused;
        }
        for (String sql : statements.feed(line)) {
          executed++;
          try {
            st.execute(sql);
          } catch (SQLException e) {
            return Optional.of("statement " + executed + " of the dump failed: " + e.getMessage());
          }
        }
      }
    } catch (SQLException e) {
      return Optional.of("the dump could not be run: " + e.getMessage());
    }
    if (!statements.rest().isEmpty()) {
      return Optional.of("the dump ends inside a statement (no closing ';'): it is truncated");
    }
    return Optional.empty();
  }

  private static Optional<String> integrityProblem(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      String first = rs.next() ? rs.getString(1) : "no answer";
      return "ok".equalsIgnoreCase(first)
          ? Optional.empty()
          : Optional.of("PRAGMA integrity_check reports: " + first);
    }
  }

  private static Set<String> liveTables(DatabaseSettings live, Optional<Path> livePath)
      throws SQLException {
    // Opening a missing SQLite file would create it; a live database that is not there has no
    // tables.
    if (livePath.isEmpty() || !Files.exists(livePath.get())) {
      return Set.of();
    }
    // One connection opened read-only (SQLite's open flag 1), straight from the driver: the live
    // file is never written, not even by the switch to write-ahead logging that read-write
    // connections make, and no pool asks the driver to change the flag afterwards.
    DatabaseUrl readOnly =
        live.primary().url().toBuilder()
            .param(SqliteOpenFlags.OPEN_MODE, SqliteOpenFlags.READ_ONLY_OPEN_MODE)
            .build();
    Dialect dialect = Dialects.forUrl(readOnly);
    ConnectionTarget target =
        dialect.connectionTarget(readOnly, new ConnectionOptions(live.timeouts(), live.tls()));
    try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.toProperties())) {
      dialect.initializeConnection(c);
      return TableCensus.tables(c, dialect);
    }
  }

  private static boolean delete(Path scratch, Path scratchDir, List<BackupProblem> problems) {
    try {
      for (String suffix : COMPANION_SUFFIXES) {
        Files.deleteIfExists(scratch.resolveSibling(scratch.getFileName() + suffix));
      }
      if (scratchDir != null) {
        Files.deleteIfExists(scratchDir);
      }
      return true;
    } catch (IOException e) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.RESTORE_FAILED,
              "the scratch database " + scratch + " could not be deleted: " + e));
      return false;
    }
  }
}
