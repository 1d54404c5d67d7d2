package dev.svcinfra.sql.internal.replica;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * The primary's write position as sampled over time, which turns a replica's replay position into a
 * lag in time: the replica is as current as the primary was when it last stood at that position.
 * With a quiet primary the positions are equal and the lag is zero however long nothing was
 * written; with a replica cut off from a busy primary the lag grows with the clock, not with the
 * age of the last transaction (issue 20). Between two samples the primary is taken to have written
 * at an even pace.
 *
 * <p>Samples older than the retention are dropped: a replica further behind than that is reported
 * at least that far behind. Thread-safe.
 */
public final class PrimaryPositions {
  private static final int MAX_SAMPLES = 4096;

  private record Sample(long position, long nanos) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private final long retentionNanos;

  /** Keeps samples for {@code retentionMillis}. */
  public PrimaryPositions(long retentionMillis) {
    this.retentionNanos = retentionMillis * 1_000_000L;
  }

  /** Records that the primary stood at {@code position} at {@code nanos} ({@code nanoTime}). */
  public synchronized void record(long position, long nanos) {
    samples.addLast(new Sample(position, nanos));
    while (samples.size() > MAX_SAMPLES
        || (samples.size() > 1 && nanos - samples.peekFirst().nanos() > retentionNanos)) {
      samples.removeFirst();
    }
  }

  /**
   * How long ago, at {@code nowNanos}, the primary last stood at or before {@code replayed}: the
   * replica's lag in milliseconds. Empty before the first sample. When every kept sample is ahead
   * of {@code replayed}, the lag is at least the age of the oldest one; {@code
   * lastReplayedCommitMillis} (when the last replayed transaction committed, epoch milliseconds)
   * then gives a closer upper bound, used when larger.
   */
  public synchronized OptionalLong lagMillis(
      long replayed, long nowNanos, OptionalLong lastReplayedCommitMillis, long nowMillis) {
    if (samples.isEmpty()) {
      return OptionalLong.empty();
    }
    Sample newer = null;
    Iterator<Sample> it = samples.descendingIterator();
    while (it.hasNext()) {
      Sample s = it.next();
      if (s.position() <= replayed) {
        long caughtUpAt = s.nanos();
        if (newer != null && newer.position() > s.position()) {
          // The primary passed the replayed position between this sample and the newer one.
          double share = (double) (replayed - s.position()) / (newer.position() - s.position());
          caughtUpAt += (long) ((newer.nanos() - s.nanos()) * share);
        }
        return OptionalLong.of(Math.max(0, (nowNanos - caughtUpAt) / 1_000_000L));
      }
      newer = s;
    }
    long atLeast = Math.max(0, (nowNanos - samples.peekFirst().nanos()) / 1_000_000L);
    if (lastReplayedCommitMillis.isPresent()) {
      return OptionalLong.of(Math.max(atLeast, nowMillis - lastReplayedCommitMillis.getAsLong()));
    }
    return OptionalLong.of(atLeast);
  }
}
