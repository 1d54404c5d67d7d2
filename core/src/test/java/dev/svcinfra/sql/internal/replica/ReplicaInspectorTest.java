package dev.svcinfra.sql.internal.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.ReplicaState;
import dev.svcinfra.sql.ReplicaState.Condition;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ReplicaReading;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How readings of a replica become its condition, lag and routing; no database. */
class ReplicaInspectorTest {
  private static final long MS = 1_000_000L;

  private final PrimaryPositions positions = new PrimaryPositions(70_000);
  private final ReplicaInspector inspector =
      new ReplicaInspector(
          Dialects.forUrl(dev.svcinfra.config.DatabaseUrl.parse("postgresql://r/app")),
          "postgresql://r/app",
          null,
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          positions);

  private static ReplicaReading reading(
      String notReceiving, String notReplaying, OptionalLong position, OptionalLong reported) {
    return new ReplicaReading(
        true,
        Optional.ofNullable(notReceiving),
        Optional.ofNullable(notReplaying),
        position,
        reported,
        OptionalLong.empty());
  }

  @Test
  void aStreamingReplicaAtThePrimarysPositionIsCurrent() {
    positions.record(5_000, System.nanoTime());
    ReplicaState s =
        inspector.judge(reading(null, null, OptionalLong.of(5_000), OptionalLong.empty()));
    assertThat(s.condition()).isEqualTo(Condition.CURRENT);
    assertThat(s.servesReads()).isTrue();
    assertThat(s.lagMillis().getAsLong()).isLessThan(100);
    assertThat(s.degraded()).isFalse();
  }

  @Test
  void pausedReplayServesNoReadsAndSaysSo() {
    positions.record(5_000, System.nanoTime());
    ReplicaState s =
        inspector.judge(
            reading(null, "WAL replay is paused", OptionalLong.of(5_000), OptionalLong.empty()));
    assertThat(s.condition()).isEqualTo(Condition.NOT_REPLAYING);
    assertThat(s.servesReads()).isFalse();
    assertThat(s.reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("WAL replay is paused"));
  }

  /** Cut off from a primary that kept writing for 40 s: 40 s behind, however quiet the replica. */
  @Test
  void aReplicaCutOffFromABusyPrimaryFallsBehindWithTheClock() {
    long now = System.nanoTime();
    for (int s = 40; s >= 0; s--) {
      positions.record(10_000 + (40 - s) * 1_000L, now - s * 1_000 * MS);
    }
    ReplicaState s =
        inspector.judge(
            reading(
                "not streaming from the primary: no WAL receiver is running",
                null,
                OptionalLong.of(10_000),
                OptionalLong.empty()));
    assertThat(s.condition()).isEqualTo(Condition.NOT_RECEIVING);
    assertThat(s.lagMillis().getAsLong()).isBetween(39_000L, 41_000L);
    assertThat(s.servesReads()).isFalse();
    assertThat(s.reason())
        .hasValueSatisfying(r -> assertThat(r).contains("no WAL receiver").contains("limit 30000"));
  }

  /** Between two samples the primary wrote evenly: half-way in position is half-way in time. */
  @Test
  void lagIsInterpolatedBetweenSamples() {
    long now = System.nanoTime();
    positions.record(1_000, now - 10_000 * MS);
    positions.record(3_000, now - 8_000 * MS);
    OptionalLong lag = positions.lagMillis(2_000, now, OptionalLong.empty(), 0);
    assertThat(lag.getAsLong()).isBetween(8_900L, 9_100L);
    ReplicaState behind =
        inspector.judge(reading(null, null, OptionalLong.of(500), OptionalLong.empty()));
    assertThat(behind.lagMillis().getAsLong()).isGreaterThanOrEqualTo(10_000L);
  }

  /** A quiet primary: positions equal for minutes means no lag, not minutes of lag. */
  @Test
  void anIdlePrimaryMeansNoLag() {
    long now = System.nanoTime();
    for (int s = 60; s >= 0; s--) {
      positions.record(7_777, now - s * 1_000 * MS);
    }
    assertThat(positions.lagMillis(7_777, now, OptionalLong.of(0), 0).getAsLong()).isLessThan(10);
  }

  /** Without an older sample, the age of the last replayed commit bounds the lag from above. */
  @Test
  void withoutHistoryTheLastReplayedCommitBoundsTheLag() {
    long now = System.nanoTime();
    positions.record(9_000, now);
    long wall = System.currentTimeMillis();
    assertThat(positions.lagMillis(8_000, now, OptionalLong.of(wall - 50_000), wall).getAsLong())
        .isEqualTo(50_000);
    assertThat(positions.lagMillis(8_000, now, OptionalLong.empty(), wall).getAsLong()).isZero();
  }

  @Test
  void aServerReportedLagIsUsedAndAnUnknownOneServesNoReads() {
    ReplicaState fine =
        inspector.judge(reading(null, null, OptionalLong.empty(), OptionalLong.of(2_000)));
    assertThat(fine.condition()).isEqualTo(Condition.CURRENT);
    assertThat(fine.lagMillis()).hasValue(2_000);
    ReplicaState far =
        inspector.judge(reading(null, null, OptionalLong.empty(), OptionalLong.of(31_000)));
    assertThat(far.condition()).isEqualTo(Condition.BEHIND);
    assertThat(far.reason()).contains("lag 31000 ms > limit 30000 ms");
    assertThat(far.servesReads()).isFalse();
    ReplicaState unknown =
        inspector.judge(
            reading(
                "not receiving from the primary: Slave_IO_Running is Connecting",
                null,
                OptionalLong.empty(),
                OptionalLong.empty()));
    assertThat(unknown.condition()).isEqualTo(Condition.NOT_RECEIVING);
    assertThat(unknown.servesReads()).isFalse();
    assertThat(unknown.reason()).hasValueSatisfying(r -> assertThat(r).endsWith("lag unknown"));
  }

  @Test
  void aPrimaryConfiguredAsReplicaServesReads() {
    ReplicaState s = inspector.judge(ReplicaReading.notAReplica());
    assertThat(s.condition()).isEqualTo(Condition.NOT_A_REPLICA);
    assertThat(s.servesReads()).isTrue();
    assertThat(s.degraded()).isFalse();
  }

  @Test
  void anUnreachableReplicaServesNoReadsAndItsPasswordIsMasked() {
    ReplicaInspector withSecret =
        new ReplicaInspector(
            Dialects.forUrl(dev.svcinfra.config.DatabaseUrl.parse("postgresql://r/app")),
            "postgresql://app:***@r/app",
            "s3cret",
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            positions);
    ReplicaState s =
        withSecret.unreachable(new java.sql.SQLException("login for app:s3cret refused"));
    assertThat(s.condition()).isEqualTo(Condition.UNREACHABLE);
    assertThat(s.servesReads()).isFalse();
    assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r).doesNotContain("s3cret"));
  }
}
