package dev.svcinfra.health;

import dev.svcinfra.sql.ReplicaState;
import dev.svcinfra.sql.ReplicaState.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the replicas' states into the database check's result: degraded, not unhealthy, when any
 * replica is unreachable, not receiving, not replaying or too far behind, since the primary still
 * serves (and takes the reads); the message says which replica and why. Details: {@code replica}
 * ({@code reachable}/{@code unreachable}), {@code replica_lag_ms} (the largest known lag), and with
 * several replicas {@code replicas}, one entry each.
 */
final class ReplicaReport {
  private ReplicaReport() {}

  static CheckResult apply(
      CheckResult primary, List<ReplicaState> states, Duration maxLag, String secret) {
    boolean several = states.size() > 1;
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long worstLag = -1;
    boolean anyUnreachable = false;
    List<Map<String, Object>> each = new ArrayList<>();
    for (ReplicaState s : states) {
      String who = several ? "replica " + s.server() + ": " : "replica: ";
      boolean tooFar = s.lagMillis().isPresent() && s.lagMillis().getAsLong() > maxLag.toMillis();
      if (s.degraded()) {
        problems.add(who + s.reason().orElse(s.condition().toString()));
      } else if (tooFar) {
        problems.add(
            who + "lag " + s.lagMillis().getAsLong() + " ms > limit " + maxLag.toMillis() + " ms");
      } else if (s.condition() == Condition.NOT_A_REPLICA) {
        notes.add(
            (several ? who : "") + "the configured replica is not in recovery (it is a primary)");
      } else if (s.reason().isPresent()) {
        notes.add(who + s.reason().get());
      }
      anyUnreachable |= s.condition() == Condition.UNREACHABLE;
      if (s.lagMillis().isPresent()) {
        worstLag = Math.max(worstLag, s.lagMillis().getAsLong());
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("server", s.server());
      entry.put("condition", s.condition().name().toLowerCase(Locale.ROOT));
      s.lagMillis().ifPresent(l -> entry.put("lag_ms", l));
      entry.put("serves_reads", s.servesReads());
      each.add(entry);
    }
    HealthStatus status = problems.isEmpty() ? primary.status() : HealthStatus.DEGRADED;
    List<String> said = problems.isEmpty() ? notes : problems;
    Optional<String> message =
        said.isEmpty()
            ? primary.message()
            : Optional.of(SecretMask.apply(String.join("; ", said), secret));
    CheckResult result =
        new CheckResult(status, message, primary.details())
            .withDetail("replica", anyUnreachable ? "unreachable" : "reachable");
    if (worstLag >= 0) {
      result = result.withDetail("replica_lag_ms", worstLag);
    }
    if (states.size() == 1 && states.get(0).condition() == Condition.NOT_A_REPLICA) {
      result = result.withDetail("replica_in_recovery", false);
    }
    if (several) {
      result = result.withDetail("replicas", each);
    }
    return result;
  }
}
