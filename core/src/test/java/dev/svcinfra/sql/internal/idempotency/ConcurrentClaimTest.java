package dev.svcinfra.sql.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.IdempotencySettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests with the same key racing on every database: exactly one writes, each other one is told
 * the key is in use or gets the winner's response.
 */
class ConcurrentClaimTest extends DatabaseSuite {
  private static final int REQUESTS = 6;
  private static final StoredResponse OK = new StoredResponse(201, Map.of(), new byte[] {1});

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void exactlyOneOfManyRacingRequestsWrites(TestDatabase kind) throws Exception {
    Database db = open(kind, s -> s.withPool(s.pool().withSize(REQUESTS + 1)));
    TestDatabase.create(db, IdempotencyRecord.table());
    db.useTransaction(tx -> tx.execute("CREATE TABLE marks (name VARCHAR(20) NOT NULL)"));
    IdempotencyStore store =
        new IdempotencyStore(db, IdempotencySettings.defaults(), Clock.systemUTC());
    for (int round = 0; round < 3; round++) {
      String key = String.valueOf(round).repeat(64);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
      List<Future<String>> outcomes = new ArrayList<>();
      try {
        for (int i = 0; i < REQUESTS; i++) {
          outcomes.add(pool.submit(() -> request(db, store, key, start)));
        }
        start.countDown();
        List<String> seen = new ArrayList<>();
        for (Future<String> f : outcomes) {
          seen.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(seen).as("round %d", round).containsOnlyOnce("wrote");
        assertThat(seen).allMatch(s -> s.equals("wrote") || s.equals("replay") || s.equals("busy"));
      } finally {
        pool.shutdownNow();
      }
    }
    long marks =
        db.inTransaction(tx -> tx.query("SELECT COUNT(*) FROM marks", rs -> rs.getLong(1)).get(0));
    assertThat(marks).isEqualTo(3);
  }

  private static String request(
      Database db, IdempotencyStore store, String key, CountDownLatch start) throws Exception {
    start.await();
    ClaimResult r;
    try {
      r = store.claim(key, "f".repeat(64));
    } catch (SvcInfraException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
      return "busy";
    }
    if (r instanceof ClaimResult.Replay replay) {
      assertThat(replay.response()).isEqualTo(OK);
      return "replay";
    }
    Claim claim = ((ClaimResult.Claimed) r).claim();
    db.useTransaction(
        tx -> {
          tx.execute("INSERT INTO marks (name) VALUES (?)", key.substring(0, 5));
          store.complete(tx, claim, OK);
        });
    return "wrote";
  }
}
