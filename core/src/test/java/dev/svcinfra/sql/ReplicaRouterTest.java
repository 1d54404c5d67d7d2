package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.ReplicaState.Condition;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The router's state machine with probe results given by hand: which replica a read goes to, when
 * the primary takes it instead, and when a replica comes back. No database.
 */
class ReplicaRouterTest {
  private final ReplicaPool r1 = new ReplicaPool("r1", null, null, null, null);
  private final ReplicaPool r2 = new ReplicaPool("r2", null, null, null, null);

  private static ReplicaState state(ReplicaPool p, Condition condition, long lag, boolean reads) {
    return new ReplicaState(
        p.server(),
        condition,
        lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag),
        condition == Condition.CURRENT ? Optional.empty() : Optional.of(condition.toString()),
        reads);
  }

  private static List<String> picks(ReplicaRouter router, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(router.pick().map(ReplicaPool::server).orElse("primary"));
    }
    return out;
  }

  @Test
  void readsSpreadOverTheReplicasThatServeReadsAndFallBackWhenNoneDoes() {
    ReplicaRouter router = new ReplicaRouter(List.of(r1, r2));
    router.update(r1, state(r1, Condition.CURRENT, 3, true));
    router.update(r2, state(r2, Condition.CURRENT, 5, true));
    router.firstRoundDone();
    assertThat(picks(router, 4)).containsExactlyInAnyOrder("r1", "r2", "r1", "r2");
    assertThat(router.fallbacks()).isZero();

    router.update(r2, state(r2, Condition.BEHIND, 45_000, false));
    assertThat(picks(router, 3)).containsOnly("r1");

    router.update(r1, state(r1, Condition.NOT_REPLAYING, 10, false));
    assertThat(picks(router, 3)).containsOnly("primary");
    assertThat(router.fallbacks()).isEqualTo(3);

    // Recovery: the next probe that finds r2 current sends reads there again.
    router.update(r2, state(r2, Condition.CURRENT, 40, true));
    assertThat(picks(router, 2)).containsOnly("r2");
    assertThat(router.states())
        .extracting(ReplicaState::condition)
        .containsExactly(Condition.NOT_REPLAYING, Condition.CURRENT);
  }

  @Test
  void aFailedBorrowTakesTheReplicaOutUntilTheNextProbe() {
    ReplicaRouter router = new ReplicaRouter(List.of(r1));
    router.update(r1, state(r1, Condition.CURRENT, 0, true));
    router.firstRoundDone();
    router.failed(r1, new SQLException("Connection refused"));
    assertThat(picks(router, 2)).containsOnly("primary");
    assertThat(router.states().get(0).condition()).isEqualTo(Condition.UNREACHABLE);
    assertThat(router.states().get(0).reason()).contains("Connection refused");
    router.update(r1, state(r1, Condition.CURRENT, 0, true));
    assertThat(picks(router, 1)).containsOnly("r1");
  }

  /** A replica that receives nothing serves reads only while the probe proves it within limit. */
  @Test
  void notReceivingButWithinTheLimitKeepsServing() {
    ReplicaRouter router = new ReplicaRouter(List.of(r1));
    router.update(r1, state(r1, Condition.NOT_RECEIVING, 200, true));
    router.firstRoundDone();
    assertThat(picks(router, 1)).containsOnly("r1");
    assertThat(router.states().get(0).degraded()).isTrue();
    router.update(r1, state(r1, Condition.NOT_RECEIVING, 31_000, false));
    assertThat(picks(router, 1)).containsOnly("primary");
  }

  /** Before any probe has answered, a read waits a bounded time and then goes to the primary. */
  @Test
  void beforeTheFirstProbeReadsWaitAtMostASecondThenUseThePrimary() {
    ReplicaRouter router = new ReplicaRouter(List.of(r1));
    long start = System.nanoTime();
    assertThat(picks(router, 1)).containsOnly("primary");
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(waitedMs).isBetween(900L, 2_000L);
    assertThat(router.states().get(0).condition()).isEqualTo(Condition.STARTING);
    router.update(r1, state(r1, Condition.CURRENT, 0, true));
    router.firstRoundDone();
    start = System.nanoTime();
    assertThat(picks(router, 1)).containsOnly("r1");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(100);
  }
}
