package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LastSuccessTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final BackupVerifier verifier = new BackupVerifier(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void successWithinRetentionIsHealthy() {
    BackupReport report = verifier.verifyLastSuccess(NOW.minus(Duration.ofDays(2)), 3);
    assertThat(report.healthy()).isTrue();
    assertThat(report.age()).contains(Duration.ofDays(2));
    assertThat(report.maxAge()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void successOlderThanRetentionIsTooOld() {
    BackupReport report = verifier.verifyLastSuccess(NOW.minus(Duration.ofDays(4)), 3);
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.TOO_OLD);
  }

  @Test
  void retentionBelowOneDayCountsAsOneDay() {
    assertThat(verifier.verifyLastSuccess(NOW.minus(Duration.ofHours(20)), 0).healthy()).isTrue();
    assertThat(verifier.verifyLastSuccess(NOW.minus(Duration.ofHours(25)), 0).healthy()).isFalse();
  }

  @Test
  void noRecordedSuccessIsNoBackup() {
    BackupReport report = verifier.verifyLastSuccess(null, 7);
    assertThat(report.problems())
        .extracting(BackupProblem::kind)
        .containsExactly(BackupProblem.Kind.NO_BACKUP);
    assertThat(report.toMap()).doesNotContainKey("last_success").containsEntry("healthy", false);
  }
}
