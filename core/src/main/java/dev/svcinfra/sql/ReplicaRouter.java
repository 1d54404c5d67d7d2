package dev.svcinfra.sql;

import dev.svcinfra.sql.ReplicaState.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the replica a read-only transaction runs on: the next one, round-robin, among those whose
 * last known state serves reads; none when no replica does, and the transaction goes to the primary
 * (issue 20). States come from the background probe ({@link ReplicaMonitor}) and from failed
 * borrows, which take a replica out at once until the next probe finds it back. Choosing costs no
 * round trip.
 *
 * <p>Each change of a replica's condition is logged once: WARN when it becomes degraded, INFO when
 * it recovers.
 */
final class ReplicaRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouter.class);

  /**
   * How long the first choice waits for the first probe of every replica, so a service that starts
   * while a replica is down does not send reads to it before anything is known.
   */
  static final long FIRST_PROBE_WAIT_MILLIS = 1_000;

  private final List<ReplicaPool> replicas;
  private final AtomicReferenceArray<ReplicaState> states;
  private final CountDownLatch firstRound = new CountDownLatch(1);
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong fallbacks = new AtomicLong();

  ReplicaRouter(List<ReplicaPool> replicas) {
    this.replicas = List.copyOf(replicas);
    this.states = new AtomicReferenceArray<>(this.replicas.size());
    for (int i = 0; i < this.replicas.size(); i++) {
      states.set(
          i,
          new ReplicaState(
              this.replicas.get(i).server(),
              Condition.STARTING,
              OptionalLong.empty(),
              Optional.of("not probed yet"),
              false));
    }
  }

  List<ReplicaPool> replicas() {
    return replicas;
  }

  /**
   * The replica the next read-only transaction should use, or empty when none serves reads (the
   * primary then does, and {@link #fallbacks()} counts it).
   */
  Optional<ReplicaPool> pick() {
    awaitFirstRound();
    int n = replicas.size();
    int start = Math.floorMod(next.getAndIncrement(), n);
    for (int k = 0; k < n; k++) {
      int i = (start + k) % n;
      if (states.get(i).servesReads()) {
        return Optional.of(replicas.get(i));
      }
    }
    fallbacks.incrementAndGet();
    return Optional.empty();
  }

  /** The pool of {@link #pick()}: a replica's, or empty when reads go to the primary. */
  Optional<DataSource> pickReplica() {
    return pick().map(ReplicaPool::pool);
  }

  /** Records a probe's finding about {@code replica}. */
  void update(ReplicaPool replica, ReplicaState state) {
    int i = replicas.indexOf(replica);
    ReplicaState before = states.getAndSet(i, state);
    if (before.condition() != state.condition() || before.servesReads() != state.servesReads()) {
      logChange(state);
    }
  }

  /**
   * A borrow or a transaction on {@code replica} lost its connection: no reads go there until the
   * next probe says otherwise.
   */
  void failed(ReplicaPool replica, Exception failure) {
    String why = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    update(
        replica,
        new ReplicaState(
            replica.server(),
            Condition.UNREACHABLE,
            OptionalLong.empty(),
            Optional.of(why),
            false));
  }

  /** Every replica has been probed once. */
  void firstRoundDone() {
    firstRound.countDown();
  }

  /** The last known state of every replica, in the order of the replica URL. */
  List<ReplicaState> states() {
    awaitFirstRound();
    List<ReplicaState> out = new ArrayList<>(replicas.size());
    for (int i = 0; i < replicas.size(); i++) {
      out.add(states.get(i));
    }
    return List.copyOf(out);
  }

  /** Read-only transactions sent to the primary because no replica served reads. */
  long fallbacks() {
    return fallbacks.get();
  }

  private void awaitFirstRound() {
    if (firstRound.getCount() == 0) {
      return;
    }
    try {
      firstRound.await(FIRST_PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void logChange(ReplicaState s) {
    String reads =
        s.servesReads() ? "serves reads" : "serves no reads (read-only work goes elsewhere)";
    String why = s.reason().map(r -> ": " + r).orElse("");
    if (s.degraded()) {
      LOG.warn("replica {} is {} and {}{}", s.server(), s.condition(), reads, why);
    } else {
      LOG.info("replica {} is {} and {}{}", s.server(), s.condition(), reads, why);
    }
  }
}
