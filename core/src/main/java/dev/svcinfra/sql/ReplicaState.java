package dev.svcinfra.sql;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the library last found about one read replica: its condition, its lag behind the primary
 * when known, why it is not in order, and whether read-only transactions go to it. A background
 * probe refreshes it about twice a second; {@link Database#replicaStates()} lists them.
 *
 * <pre>{@code
 * for (ReplicaState r : db.replicaStates()) {
 *   log.info("{} {} lag={} reads={}", r.server(), r.condition(), r.lagMillis(), r.servesReads());
 * }
 * }</pre>
 *
 * @param server the replica's URL with the password masked
 * @param lagMillis how far behind the primary it is, in milliseconds, when known
 * @param reason why the condition is not {@link Condition#CURRENT}, in words (no secrets)
 * @param servesReads whether read-only transactions are sent to it now
 * @since 0.3
 */
public record ReplicaState(
    String server,
    Condition condition,
    OptionalLong lagMillis,
    Optional<String> reason,
    boolean servesReads) {

  /** A replica's condition, from the best to the worst. */
  public enum Condition {
    /** Receiving, replaying and within the allowed lag. */
    CURRENT,
    /** Reachable, but the database gives no way to measure replication (or it was refused). */
    UNMEASURED,
    /** The server replicates from nothing: a primary, or a promoted standby. */
    NOT_A_REPLICA,
    /** Not probed yet: the service has just started. */
    STARTING,
    /**
     * Receiving nothing from its primary (no WAL receiver, IO thread stopped). It keeps serving
     * reads while its lag is known and within the limit: a quiet primary sends nothing anyway.
     */
    NOT_RECEIVING,
    /** Further behind than allowed, or its lag cannot be told. */
    BEHIND,
    /** Applies nothing it receives: replay paused, SQL thread stopped. */
    NOT_REPLAYING,
    /** No connection or no answer. */
    UNREACHABLE
  }

  public ReplicaState {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(lagMillis, "lagMillis");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Whether a health check should call the service degraded for this replica: anything but current,
   * unmeasured or not a replica.
   */
  public boolean degraded() {
    return switch (condition) {
      case CURRENT, UNMEASURED, NOT_A_REPLICA -> false;
      default -> true;
    };
  }
}
