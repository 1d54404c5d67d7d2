package dev.svcinfra.sql.dialect.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One reading of a replica's replication state, as the server reports it.
 *
 * @param replica false when the server is no replica at all (a primary, or a promoted standby)
 * @param notReceiving why the replica receives nothing from its primary (no WAL receiver, the IO
 *     thread stopped), empty while it receives
 * @param notReplaying why it applies nothing it receives (replay paused, the SQL thread stopped),
 *     empty while it replays
 * @param replayPosition how far it has replayed, in the same unit as the primary's position
 * @param reportedLagMillis the lag the server itself reports, where it does ({@code
 *     Seconds_Behind_Master}); empty when it reports none or none is known
 * @param lastReplayedCommitMillis when the last transaction it replayed committed on the primary
 *     (epoch milliseconds), where the server knows
 */
public record ReplicaReading(
    boolean replica,
    Optional<String> notReceiving,
    Optional<String> notReplaying,
    OptionalLong replayPosition,
    OptionalLong reportedLagMillis,
    OptionalLong lastReplayedCommitMillis) {
  public ReplicaReading {
    Objects.requireNonNull(notReceiving, "notReceiving");
    Objects.requireNonNull(notReplaying, "notReplaying");
    Objects.requireNonNull(replayPosition, "replayPosition");
    Objects.requireNonNull(reportedLagMillis, "reportedLagMillis");
    Objects.requireNonNull(lastReplayedCommitMillis, "lastReplayedCommitMillis");
  }

  /** The reading of a server that replicates from nothing. */
  public static ReplicaReading notAReplica() {
    return new ReplicaReading(
        false,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }
}
