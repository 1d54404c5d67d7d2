package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupAgeCheckTest {
  private static final Duration WARN = Duration.ofHours(26);
  private static final Duration MAX = Duration.ofDays(2);

  @TempDir Path dir;

  private CheckResult checkWithNewestAged(Duration age) {
    BackupFiles.write(dir, "app.dump", BackupFiles.PG_PLAIN, age);
    return new BackupAgeCheck(dir, WARN, MAX).check();
  }

  @Test
  void youngBackupIsHealthy() {
    CheckResult result = checkWithNewestAged(Duration.ofHours(3));
    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.details())
        .containsEntry("newest", "app.dump")
        .containsEntry("size_bytes", (long) BackupFiles.PG_PLAIN.length());
    assertThat((long) result.details().get("age_seconds")).isBetween(3 * 3600L - 5, 3 * 3600L + 5);
  }

  @Test
  void backupPastTheWarningIsDegraded() {
    CheckResult result = checkWithNewestAged(Duration.ofHours(30));
    assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("1d 6h"));
  }

  @Test
  void backupPastTheMaximumIsUnhealthy() {
    CheckResult result = checkWithNewestAged(Duration.ofHours(50));
    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.details().get("problems")).isEqualTo(List.of("too_old"));
  }

  @Test
  void noBackupIsUnhealthy() {
    CheckResult result = new BackupAgeCheck(dir, WARN, MAX).check();
    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("no backup"));
  }

  @Test
  void emptyBackupIsUnhealthy() {
    BackupFiles.write(dir, "app.dump", "", Duration.ofHours(1));
    assertThat(new BackupAgeCheck(dir, WARN, MAX).check().status())
        .isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void warningAfterTheMaximumIsRefused() {
    assertThatThrownBy(() -> new BackupAgeCheck(dir, MAX.plusHours(1), MAX))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("warning age");
  }
}
