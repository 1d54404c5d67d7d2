package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresRestoreTest {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Map<String, Long> EXPECTED_COUNTS =
      Map.of("audit.events", 2L, "public.orders", 5L, "public.users", 3L);

  @TempDir Path dir;
  private PgDumps db;

  @BeforeEach
  void database() throws Exception {
    db = PgDumps.withTables();
  }

  private BackupReport verifyAndRestore(RestoreOptions options) {
    return Backups.verifyAndRestore(DAY, dir, "*", DatabaseSettings.of(db.url), options);
  }

  private static RestoreReport restoreOf(BackupReport report) {
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    return report.restore().orElseThrow();
  }

  @Test
  void customFormatDumpRestoresWithItsRowCounts() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    RestoreReport restore =
        restoreOf(verifyAndRestore(RestoreOptions.defaults().withCompareWithLive(true)));
    assertThat(restore.content()).isEqualTo(BackupFormat.PG_CUSTOM);
    assertThat(restore.tool()).isEqualTo("pg_restore");
    assertThat(restore.rowCounts()).isEqualTo(EXPECTED_COUNTS);
    assertThat(restore.tableCount()).isEqualTo(3);
    assertThat(restore.duration()).isPositive();
    assertThat(restore.comparison().orElseThrow().missing()).isEmpty();
    assertThat(restore.comparison().orElseThrow().liveTables()).hasSize(3);
    assertThat(restore.dropped()).isTrue();
    assertThat(PgDumps.exists(restore.scratchDatabase())).isFalse();
  }

  @Test
  void behindAPoolerTheRestoreConnectsThroughTheDirectUrl() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    // The pooled URL leads nowhere; only the direct URL reaches the server.
    DatabaseSettings live =
        DatabaseSettings.of(
                db.url.replaceFirst("@127\\.0\\.0\\.1:\\d+/", "@127.0.0.1:" + closed + "/")
                    + "&pgbouncer=true")
            .withPooler(
                dev.svcinfra.config.internal.PoolerSettings.none()
                    .withMode(dev.svcinfra.config.internal.PoolerMode.TRANSACTION)
                    .withDirect(db.url));
    assertThat(live.primary().url().host().orElseThrow().port()).isEqualTo(closed);
    BackupReport report = Backups.verifyAndRestore(DAY, dir, "*", live, RestoreOptions.defaults());
    assertThat(restoreOf(report).rowCounts()).isEqualTo(EXPECTED_COUNTS);
  }

  @Test
  void plainDumpRestoresWithPsql() throws Exception {
    db.dump(dir.resolve("app.sql"), "--format=plain");
    RestoreReport restore = restoreOf(verifyAndRestore(RestoreOptions.defaults()));
    assertThat(restore.tool()).isEqualTo("psql");
    assertThat(restore.rowCounts()).isEqualTo(EXPECTED_COUNTS);
    assertThat(PgDumps.exists(restore.scratchDatabase())).isFalse();
  }

  @Test
  void gzipCompressedPlainDumpRestores() throws Exception {
    Path plain = db.dump(Files.createTempFile(dir.getParent(), "plain", ".sql"), "--format=plain");
    BackupFiles.write(
        dir, "app.sql.gz", BackupFiles.gzip(Files.readString(plain)), Duration.ofMinutes(5));
    Files.delete(plain);
    RestoreReport restore = restoreOf(verifyAndRestore(RestoreOptions.defaults()));
    assertThat(restore.content()).isEqualTo(BackupFormat.PLAIN_SQL);
    assertThat(restore.rowCounts()).isEqualTo(EXPECTED_COUNTS);
  }

  @Test
  void theLiveDatabaseIsUntouchedAndTablesAddedSinceTheDumpAreMissing() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    db.execute(
        "CREATE TABLE invoices (id int)",
        "INSERT INTO invoices VALUES (7)",
        "DELETE FROM orders WHERE id = 1");
    Map<String, List<String>> before = db.snapshot();
    BackupReport report = verifyAndRestore(RestoreOptions.defaults().withCompareWithLive(true));
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.TABLES_MISSING);
    assertThat(report.problems().get(0).message()).contains("public.invoices");
    // The restore carried the dump's rows, not the live database's current ones.
    assertThat(report.restore().orElseThrow().rowCounts()).containsEntry("public.orders", 5L);
    assertThat(db.snapshot()).isEqualTo(before);
  }

  @Test
  void aDumpMadeWithCreateAndCleanIsStoppedBeforeItReachesTheLiveDatabase() throws Exception {
    db.dump(dir.resolve("app.sql"), "--format=plain", "--create", "--clean");
    Map<String, List<String>> before = db.snapshot();
    BackupReport report = verifyAndRestore(RestoreOptions.defaults());
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .contains(BackupProblem.Kind.RESTORE_FAILED);
    assertThat(report.problems().get(0).message()).contains("DATABASE").contains("--create");
    assertThat(PgDumps.exists(db.name)).isTrue();
    assertThat(db.snapshot()).isEqualTo(before);
    assertThat(PgDumps.exists(report.restore().orElseThrow().scratchDatabase())).isFalse();
  }

  @Test
  void aCustomArchiveMadeWithCreateStillGoesIntoTheScratchDatabase() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom", "--create");
    db.execute("INSERT INTO users (name) VALUES ('added after the dump')");
    Map<String, List<String>> before = db.snapshot();
    RestoreReport restore = restoreOf(verifyAndRestore(RestoreOptions.defaults()));
    assertThat(restore.rowCounts()).isEqualTo(EXPECTED_COUNTS);
    assertThat(db.snapshot()).isEqualTo(before);
  }

  @Test
  void theLiveDatabaseIsRefusedAsScratchEvenWhenNamedExplicitly() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    Map<String, List<String>> before = db.snapshot();
    assertThatThrownBy(
            () ->
                verifyAndRestore(
                    RestoreOptions.defaults()
                        .withScratchDatabase(db.name.toUpperCase(Locale.ROOT))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is the live database");
    assertThat(db.snapshot()).isEqualTo(before);
  }

  @Test
  void anExistingScratchDatabaseIsNeitherUsedNorDropped() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    String other = new PgDumps2(dev.svcinfra.testing.TestServices.newPostgresDatabase()).name();
    assertThatThrownBy(() -> verifyAndRestore(RestoreOptions.defaults().withScratchDatabase(other)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already exists");
    assertThat(PgDumps.exists(other)).isTrue();
  }

  @Test
  void aTruncatedCustomDumpPassesTheHeaderCheckButFailsTheRestore() throws Exception {
    Path full = db.dump(Files.createTempFile(dir.getParent(), "full", ".dump"), "--format=custom");
    byte[] bytes = Files.readAllBytes(full);
    Files.delete(full);
    BackupFiles.write(
        dir, "app.dump", BackupFiles.truncate(bytes, bytes.length / 3), Duration.ofMinutes(1));
    BackupReport report = verifyAndRestore(RestoreOptions.defaults());
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.RESTORE_FAILED);
    assertThat(report.problems().get(0).message()).contains("pg_restore");
    assertThat(report.restore().orElseThrow().dropped()).isTrue();
  }

  @Test
  void aMissingClientProgramIsNamedAndNothingIsCreated() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    Path empty = Files.createDirectory(dir.getParent().resolve("no-tools-" + System.nanoTime()));
    String scratch = "svcinfra_restore_notool_" + Long.toHexString(System.nanoTime());
    assertThatThrownBy(
            () ->
                verifyAndRestore(
                    RestoreOptions.defaults()
                        .withToolDirectories(List.of(empty))
                        .withScratchDatabase(scratch)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_TOOL_MISSING))
        .hasMessageContaining("'pg_restore'")
        .hasMessageContaining("postgresql-client");
    assertThat(PgDumps.exists(scratch)).isFalse();
  }

  @Test
  void thePasswordTravelsInTheEnvironmentOnly() throws Exception {
    db.dump(dir.resolve("app.dump"), "--format=custom");
    String withPassword = db.url.replace("postgres@", "postgres:s3cret-pw@");
    DatabaseSettings live = DatabaseSettings.of(withPassword);
    assertThat(PgClientEnvironment.of(live, "scratch"))
        .containsEntry("PGPASSWORD", "s3cret-pw")
        .containsEntry("PGDATABASE", "scratch")
        .containsEntry("PGSSLMODE", "disable");
    List<String> command =
        PostgresScratchRestore.command(
            BackupFormat.PG_CUSTOM,
            BackupFormat.PG_CUSTOM,
            "scratch",
            dir.resolve("app.dump"),
            new PgTools(List.of()));
    assertThat(String.join(" ", command)).doesNotContain("s3cret");
    // Trust authentication ignores the password, so the restore runs for real.
    BackupReport report = Backups.verifyAndRestore(DAY, dir, "*", live, RestoreOptions.defaults());
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    assertThat(report.toMap().toString()).doesNotContain("s3cret");
  }

  /** Only the name of another fresh database is needed. */
  private record PgDumps2(String url) {
    String name() {
      return dev.svcinfra.config.DatabaseUrl.parse(url).database().orElseThrow();
    }
  }
}
