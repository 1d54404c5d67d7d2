package dev.svcinfra.lifecycle;

import static dev.svcinfra.lifecycle.BackupFiles.PG_PLAIN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.lifecycle.BackupProblem.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyBackupsTest {
  private static final Duration DAY = Duration.ofHours(24);

  @TempDir Path dir;

  private static List<Kind> kinds(BackupReport report) {
    return report.problems().stream().map(BackupProblem::kind).toList();
  }

  @Test
  void freshIntactBackupIsHealthy() {
    Path file = BackupFiles.write(dir, "app.sql", PG_PLAIN, Duration.ofHours(2));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    BackupFile newest = report.newest().orElseThrow();
    assertThat(newest.path()).isEqualTo(file);
    assertThat(newest.format()).isEqualTo(BackupFormat.PLAIN_SQL);
    assertThat(newest.sizeBytes()).isEqualTo(PG_PLAIN.length());
    assertThat(newest.age()).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
    assertThat(newest.checksum()).isEqualTo(BackupFile.Checksum.ABSENT);
  }

  @Test
  void staleBackupIsTooOld() {
    BackupFiles.write(dir, "app.sql", PG_PLAIN, Duration.ofHours(30));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(report.healthy()).isFalse();
    assertThat(kinds(report)).containsExactly(Kind.TOO_OLD);
    assertThat(report.problems().get(0).message()).contains("1d 6h old").contains("1d 0h");
  }

  @Test
  void theNewestFileByModificationTimeIsJudged() {
    BackupFiles.write(dir, "z-old.sql", PG_PLAIN, Duration.ofHours(40));
    Path fresh = BackupFiles.write(dir, "a-new.sql", PG_PLAIN, Duration.ofHours(1));
    assertThat(Backups.verifyBackups(DAY, dir).newest().orElseThrow().path()).isEqualTo(fresh);
  }

  @Test
  void emptyNewestBackupIsReported() {
    BackupFiles.write(dir, "old.sql", PG_PLAIN, Duration.ofHours(5));
    BackupFiles.write(dir, "new.sql", "", Duration.ofHours(1));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.EMPTY);
    assertThat(report.newest().orElseThrow().sizeBytes()).isZero();
  }

  @Test
  void truncatedGzipIsCorruptAndCompleteGzipIsNot() {
    byte[] gz = BackupFiles.gzip(PG_PLAIN.repeat(50));
    BackupFiles.write(dir, "ok.sql.gz", gz, Duration.ofHours(3));
    BackupReport intact = Backups.verifyBackups(DAY, dir);
    assertThat(intact.healthy()).as(intact.problems().toString()).isTrue();
    assertThat(intact.newest().orElseThrow().content()).isEqualTo(BackupFormat.PLAIN_SQL);

    BackupFiles.write(dir, "cut.sql.gz", BackupFiles.truncate(gz, 12), Duration.ofHours(1));
    BackupReport cut = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(cut)).containsExactly(Kind.CORRUPT);
    assertThat(cut.problems().get(0).message()).contains("cut.sql.gz").contains("gzip");
  }

  @Test
  void gzipMissingOnlyItsTrailerIsCorrupt() {
    byte[] gz = BackupFiles.gzip(PG_PLAIN);
    BackupFiles.write(dir, "cut.sql.gz", BackupFiles.truncate(gz, 4), Duration.ofHours(1));
    assertThat(kinds(Backups.verifyBackups(DAY, dir))).containsExactly(Kind.CORRUPT);
  }

  @Test
  void gzipOfNothingIsCorrupt() {
    BackupFiles.write(dir, "app.sql.gz", BackupFiles.gzip(""), Duration.ofHours(1));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.CORRUPT);
    assertThat(report.problems().get(0).message()).contains("decompresses to nothing");
  }

  @Test
  void pgDumpWithoutItsClosingLineIsTruncated() {
    String cut = PG_PLAIN.substring(0, PG_PLAIN.indexOf("-- PostgreSQL database dump complete"));
    BackupFiles.write(dir, "app.sql", cut, Duration.ofHours(1));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.CORRUPT);
    assertThat(report.problems().get(0).message()).contains("truncated");
  }

  @Test
  void binaryJunkIsCorrupt() {
    BackupFiles.write(dir, "app.bin", new byte[] {7, 0, 3, 9, 0}, Duration.ofHours(1));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.CORRUPT);
    assertThat(report.newest().orElseThrow().format()).isEqualTo(BackupFormat.UNKNOWN);
  }

  @Test
  void truncatedSqliteDatabaseFileIsCorrupt() {
    byte[] header = new byte[1024 + 100];
    System.arraycopy("SQLite format 3\0".getBytes(UTF_8), 0, header, 0, 16);
    header[16] = 4; // page size 1024
    header[17] = 0;
    BackupFiles.write(dir, "app.db", header, Duration.ofHours(1));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.CORRUPT);
    assertThat(report.problems().get(0).message()).contains("1024-byte pages");
  }

  @Test
  void matchingChecksumIsVerified() {
    Path file = BackupFiles.write(dir, "app.sql", PG_PLAIN, Duration.ofHours(1));
    BackupFiles.sidecar(file, BackupFiles.sha256(file));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(report.healthy()).as(report.problems().toString()).isTrue();
    assertThat(report.newest().orElseThrow().checksum()).isEqualTo(BackupFile.Checksum.VERIFIED);
    assertThat(report.newest().orElseThrow().path()).isEqualTo(file);
  }

  @Test
  void badChecksumIsAMismatch() {
    Path file = BackupFiles.write(dir, "app.sql", PG_PLAIN, Duration.ofHours(1));
    BackupFiles.sidecar(file, "0".repeat(64));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.CHECKSUM_MISMATCH);
    assertThat(report.problems().get(0).message()).contains(BackupFiles.sha256(file));
    assertThat(report.newest().orElseThrow().checksum()).isEqualTo(BackupFile.Checksum.MISMATCH);
  }

  @Test
  void sidecarWithoutADigestForTheFileIsAMismatch() throws Exception {
    Path file = BackupFiles.write(dir, "app.sql", PG_PLAIN, Duration.ofHours(1));
    Files.writeString(dir.resolve("app.sql.sha256"), "not a checksum\n");
    BackupFiles.age(dir.resolve("app.sql.sha256"), Duration.ZERO);
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).containsExactly(Kind.CHECKSUM_MISMATCH);
    assertThat(report.newest().orElseThrow().path()).isEqualTo(file);
  }

  @Test
  void emptyDirectoryAndMissingDirectoryHaveNoBackup() {
    BackupReport none = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(none)).containsExactly(Kind.NO_BACKUP);
    assertThat(none.newest()).isEmpty();
    BackupReport missing = Backups.verifyBackups(DAY, dir.resolve("nope"));
    assertThat(kinds(missing)).containsExactly(Kind.NO_BACKUP);
    assertThat(missing.problems().get(0).message()).contains("does not exist");
  }

  @Test
  void sidecarsAloneAreNoBackup() {
    BackupFiles.write(dir, "app.sql.sha256", "0".repeat(64) + "  app.sql\n", Duration.ZERO);
    assertThat(kinds(Backups.verifyBackups(DAY, dir))).containsExactly(Kind.NO_BACKUP);
  }

  @Test
  void patternNarrowsTheCandidates() {
    Path dump = BackupFiles.write(dir, "app.dump", PG_PLAIN, Duration.ofHours(3));
    BackupFiles.write(dir, "notes.txt", "newer but not a backup", Duration.ofHours(1));
    assertThat(Backups.verifyBackups(DAY, dir, "*.dump").newest().orElseThrow().path())
        .isEqualTo(dump);
    assertThat(kinds(Backups.verifyBackups(DAY, dir, "*.gz"))).containsExactly(Kind.NO_BACKUP);
  }

  @Test
  void brokenLinkIsUnreadable() throws Exception {
    Path link = dir.resolve("latest.dump");
    Files.createSymbolicLink(link, dir.resolve("deleted.dump"));
    BackupReport report = Backups.verifyBackups(DAY, dir);
    assertThat(kinds(report)).contains(Kind.UNREADABLE);
    assertThat(report.problems()).anyMatch(p -> p.message().contains("missing file"));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> Backups.verifyBackups(Duration.ZERO, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> Backups.verifyBackups(DAY, dir, "[oops"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[oops");
  }

  @Test
  @SuppressWarnings("unchecked")
  void reportHasAJsonFriendlyShape() {
    BackupFiles.write(dir, "app.sql", PG_PLAIN, Duration.ofHours(30));
    Map<String, Object> map = Backups.verifyBackups(DAY, dir).toMap();
    assertThat(map)
        .containsEntry("healthy", false)
        .containsEntry("max_age_seconds", 86_400L)
        .containsEntry("pattern", "*")
        .containsEntry("path", dir.toString());
    assertThat((long) map.get("age_seconds")).isBetween(30 * 3600L - 5, 30 * 3600L + 5);
    assertThat((Map<String, Object>) map.get("newest"))
        .containsEntry("name", "app.sql")
        .containsEntry("format", "plain_sql")
        .containsEntry("checksum", "absent");
    assertThat((List<Map<String, Object>>) map.get("problems"))
        .extracting(p -> p.get("code"))
        .containsExactly("too_old");
  }
}
