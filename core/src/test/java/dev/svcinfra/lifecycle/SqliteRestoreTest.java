package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRestoreTest {
  private static final Duration DAY = Duration.ofHours(24);

  /** What {@code sqlite3 app.db .dump} writes, trigger and all. */
  private static final String DUMP =
      """
      PRAGMA foreign_keys=OFF;
      BEGIN TRANSACTION;
      CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      INSERT INTO users VALUES(1,'ada');
      INSERT INTO users VALUES(2,'semi;colon');
      INSERT INTO users VALUES(3,'it''s');
      CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INT, body TEXT);
      INSERT INTO notes VALUES(1,1,'first');
      CREATE TABLE audit (what TEXT);
      CREATE TRIGGER note_audit AFTER INSERT ON notes BEGIN
        INSERT INTO audit VALUES('note;' || NEW.id);
      END;
      INSERT INTO notes VALUES(2,2,'second');
      COMMIT;
      """;

  @TempDir Path root;
  private Path backups;
  private Path live;

  @BeforeEach
  void liveDatabase() throws Exception {
    backups = Files.createDirectory(root.resolve("backups"));
    live = root.resolve("live.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
      st.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INT, body TEXT)");
      st.execute("CREATE TABLE audit (what TEXT)");
      st.execute("CREATE TABLE tags (name TEXT)");
      st.execute("INSERT INTO users VALUES (1, 'live')");
    }
  }

  private DatabaseSettings liveSettings() {
    return DatabaseSettings.of("sqlite:///" + live);
  }

  private BackupReport verifyAndRestore(RestoreOptions options) {
    return Backups.verifyAndRestore(DAY, backups, "*", liveSettings(), options);
  }

  @Test
  void plainDumpRestoresStatementByStatement() throws Exception {
    BackupFiles.write(backups, "app.sql", DUMP, Duration.ofHours(1));
    byte[] before = Files.readAllBytes(live);
    BackupReport report = verifyAndRestore(RestoreOptions.defaults().withCompareWithLive(true));
    RestoreReport restore = report.restore().orElseThrow();
    assertThat(restore.rowCounts()).isEqualTo(Map.of("users", 3L, "notes", 2L, "audit", 1L));
    assertThat(restore.tool()).isEqualTo("jdbc");
    assertThat(restore.comparison().orElseThrow().missing()).containsExactly("tags");
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.TABLES_MISSING);
    assertThat(Files.exists(Path.of(restore.scratchDatabase()))).isFalse();
    assertThat(Files.readAllBytes(live)).isEqualTo(before);
  }

  @Test
  void gzipCompressedDumpRestores() {
    BackupFiles.write(backups, "app.sql.gz", BackupFiles.gzip(DUMP), Duration.ofHours(1));
    BackupReport report = verifyAndRestore(RestoreOptions.defaults());
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    assertThat(report.restore().orElseThrow().tableCount()).isEqualTo(3);
  }

  @Test
  void copiedDatabaseFileIsCheckedAndCounted() throws Exception {
    Files.copy(live, backups.resolve("app.db"));
    BackupReport report = verifyAndRestore(RestoreOptions.defaults().withCompareWithLive(true));
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    RestoreReport restore = report.restore().orElseThrow();
    assertThat(restore.content()).isEqualTo(BackupFormat.SQLITE_DATABASE);
    assertThat(restore.tool()).isEqualTo("copy");
    assertThat(restore.rowCounts())
        .isEqualTo(Map.of("users", 1L, "notes", 0L, "audit", 0L, "tags", 0L));
  }

  @Test
  void truncatedDumpIsCorruptAndNotRestored() {
    BackupFiles.write(
        backups,
        "app.sql",
        DUMP.substring(0, DUMP.indexOf("CREATE TABLE audit")),
        Duration.ofHours(1));
    BackupReport report = verifyAndRestore(RestoreOptions.defaults());
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.CORRUPT);
    assertThat(report.restore()).isEmpty();
  }

  @Test
  void aFailingStatementFailsTheRestore() {
    BackupFiles.write(
        backups,
        "app.sql",
        DUMP.replace("INSERT INTO notes VALUES(1,1,'first');", "INSERT INTO nowhere VALUES(1);"),
        Duration.ofHours(1));
    BackupReport report = verifyAndRestore(RestoreOptions.defaults());
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.RESTORE_FAILED);
    assertThat(report.problems().get(0).message()).contains("statement 8").contains("nowhere");
  }

  @Test
  void attachingAnotherDatabaseIsStopped() throws Exception {
    BackupFiles.write(
        backups,
        "app.sql",
        DUMP.replace(
            "COMMIT;", "ATTACH DATABASE '" + live + "' AS l;\nDROP TABLE l.tags;\nCOMMIT;"),
        Duration.ofHours(1));
    byte[] before = Files.readAllBytes(live);
    BackupReport report = verifyAndRestore(RestoreOptions.defaults());
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.RESTORE_FAILED);
    assertThat(report.problems().get(0).message()).contains("ATTACH");
    assertThat(Files.readAllBytes(live)).isEqualTo(before);
  }

  @Test
  void theLiveFileIsRefusedAsScratch() throws Exception {
    BackupFiles.write(backups, "app.sql", DUMP, Duration.ofHours(1));
    byte[] before = Files.readAllBytes(live);
    assertThatThrownBy(
            () ->
                verifyAndRestore(
                    RestoreOptions.defaults()
                        .withScratchDatabase(root.resolve("backups/../live.db").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is the live database");
    assertThat(Files.readAllBytes(live)).isEqualTo(before);
  }

  @Test
  void aNamedScratchFileIsCreatedAndDeleted() {
    BackupFiles.write(backups, "app.sql", DUMP, Duration.ofHours(1));
    Path scratch = root.resolve("scratch/restore.db");
    BackupReport report =
        verifyAndRestore(RestoreOptions.defaults().withScratchDatabase(scratch.toString()));
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    assertThat(report.restore().orElseThrow().scratchDatabase()).isEqualTo(scratch.toString());
    assertThat(scratch).doesNotExist();
  }

  @Test
  void aPostgresArchiveCannotGoIntoSqlite() {
    BackupFiles.write(
        backups,
        "app.dump",
        new byte[] {'P', 'G', 'D', 'M', 'P', 1, 14, 0, 4, 8, 1},
        Duration.ofHours(1));
    assertThatThrownBy(() -> verifyAndRestore(RestoreOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pg_custom")
        .hasMessageContaining("SQLite");
  }

  @Test
  void aSingleFileRestoresDirectly() throws Exception {
    Path file =
        BackupFiles.write(backups, "app.sql.gz", BackupFiles.gzip(DUMP), Duration.ofDays(9));
    RestoreReport restore = Backups.restore(file, liveSettings(), RestoreOptions.defaults());
    assertThat(restore.succeeded()).as(restore.problems().toString()).isTrue();
    assertThat(restore.rowCounts()).containsEntry("users", 3L);
    Path empty = BackupFiles.write(backups, "empty.sql", "", Duration.ZERO);
    assertThatThrownBy(() -> Backups.restore(empty, liveSettings(), RestoreOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("empty.sql");
  }
}
