package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.TestServices;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 4: {@code kill -9} of the quickstart in the middle of a stream of transfers, and of a
 * migration run. After each, the data is whole: money is neither created nor destroyed, no transfer
 * is half-applied, and the next migration run succeeds.
 */
class CrashConsistencyTest {
  private static final int ACCOUNTS = 8;
  private static final long OPENING = 1_000;
  private static final int KILLS = 3;
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

  /** One transfer sent: its accounts and amount, and whether it is known applied or unknown. */
  record Sent(long from, long to, long amount, Boolean applied) {}

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void killDuringTransfersLeavesNoHalfAppliedTransfer(@TempDir Path work) throws Exception {
    String url = TestServices.newPostgresDatabase();
    Map<String, String> env = Map.of("SQL_URL", url, "DB_POOL_SIZE", "4");
    List<Long> ids = new ArrayList<>();
    Map<Long, Long> expected = new HashMap<>();
    try (ServiceProcess qs = ServiceProcess.quickstart(env, work.resolve("first"))) {
      qs.awaitReady(Duration.ofSeconds(90));
      Http http = qs.http();
      for (int i = 0; i < ACCOUNTS; i++) {
        Http.Reply r =
            http.post("/accounts", "{\"owner\":\"o" + i + "\",\"balance\":" + OPENING + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        ids.add(r.json().path("id").asLong());
        expected.put(ids.get(i), OPENING);
      }
    }
    long acknowledged = 0;
    long unknown = 0;
    for (int round = 0; round < KILLS; round++) {
      try (ServiceProcess qs = ServiceProcess.quickstart(env, work.resolve("run" + round))) {
        qs.awaitReady(Duration.ofSeconds(90));
        List<Sent> sent = stream(qs, ids);
        for (Sent s : sent) {
          if (Boolean.TRUE.equals(s.applied())) {
            expected.merge(s.from(), -s.amount(), Long::sum);
            expected.merge(s.to(), s.amount(), Long::sum);
            acknowledged++;
          }
        }
        List<Sent> inFlight = sent.stream().filter(s -> s.applied() == null).toList();
        unknown += inFlight.size();
        // The database now holds the acknowledged transfers plus some whole subset of the ones
        // cut off by the kill; find it, or fail: a half-applied transfer matches no subset.
        Map<Long, Long> actual = balances(url);
        List<Sent> appliedUnknown = wholeSubset(expected, actual, inFlight);
        assertThat(appliedUnknown)
            .as(
                "round %d: balances %s are acknowledged transfers %s plus "
                    + "whole in-flight transfers %s",
                round, actual, expected, inFlight)
            .isNotNull();
        for (Sent s : appliedUnknown) {
          expected.merge(s.from(), -s.amount(), Long::sum);
          expected.merge(s.to(), s.amount(), Long::sum);
        }
        assertThat(actual.values().stream().mapToLong(Long::longValue).sum())
            .as("money is conserved")
            .isEqualTo(ACCOUNTS * OPENING);
        assertThat(actual.values()).as("no negative balance").allMatch(b -> b >= 0);
      }
    }
    // After the last kill the service restarts and serves the same balances.
    try (ServiceProcess qs = ServiceProcess.quickstart(env, work.resolve("after"))) {
      qs.awaitReady(Duration.ofSeconds(90));
      for (long id : ids) {
        Http.Reply r = qs.http().get("/accounts/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("balance").decimalValue().longValueExact())
            .as("account %d after restart", id)
            .isEqualTo(expected.get(id));
      }
    }
    synchronized (FIGURES) {
      FIGURES.put("service kills (kill -9) during transfers", KILLS);
      FIGURES.put("transfers acknowledged", acknowledged);
      FIGURES.put("transfers cut off by a kill", unknown + ", each applied whole or not at all");
      FIGURES.put("sum of balances", ACCOUNTS * OPENING + " before and after");
      record();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void killDuringMigrationThenNextRunSucceeds(@TempDir Path work) throws Exception {
    String url = TestServices.newPostgresDatabase();
    Path versions = Files.createDirectories(work.resolve("migrations/versions"));
    Files.writeString(
        versions.resolve("a1_base.sql"),
        """
        -- revision: a1
        -- down_revision:
        -- message: base

        -- +upgrade postgresql
        CREATE TABLE base_table (id BIGINT PRIMARY KEY);

        -- +downgrade postgresql
        DROP TABLE base_table;
        """);
    Files.writeString(
        versions.resolve("b2_slow.sql"),
        """
        -- revision: b2
        -- down_revision: a1
        -- message: slow

        -- +upgrade postgresql
        CREATE TABLE slow_one (id BIGINT PRIMARY KEY);
        SELECT pg_sleep(4);
        CREATE TABLE slow_two (id BIGINT PRIMARY KEY);

        -- +downgrade postgresql
        DROP TABLE slow_two;
        DROP TABLE slow_one;
        """);
    Pg pg = Pg.forUrl(url);
    Map<String, String> env = Map.of("SQL_URL", url);
    List<String> upgrade =
        List.of("sql", "upgrade", "--script-location", work.resolve("migrations").toString());
    int kills = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
      try (ServiceProcess run = ServiceProcess.cli(upgrade, env, work.resolve("cli" + attempt))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pg.queryLong(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                    + "'%pg_sleep(4)%' AND state = 'active' AND pid <> pg_backend_pid()")
            == 0) {
          assertThat(System.nanoTime())
              .as("the slow migration starts: %s", run.output())
              .isLessThan(deadline);
          assertThat(run.alive()).as("still migrating: %s", run.output()).isTrue();
          Thread.sleep(20);
        }
        run.kill();
        kills++;
      }
    }
    try (ServiceProcess run = ServiceProcess.cli(upgrade, env, work.resolve("final"))) {
      // The killed runs' lock died with their sessions: this run must not wait for it.
      assertThat(run.awaitExit(Duration.ofSeconds(60))).as("%s", run.output()).isZero();
    }
    assertThat(pg.rows("SELECT version_num FROM svc_infra_version"))
        .as("one row, at head")
        .containsExactly(List.of("b2"));
    assertThat(
            pg.queryLong(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                    + "('base_table', 'slow_one', 'slow_two')"))
        .isEqualTo(3);
    synchronized (FIGURES) {
      FIGURES.put(
          "migration runs killed (kill -9) mid-revision",
          kills + "; the next run applied the revision and the version table holds the head only");
      record();
    }
  }

  private static void record() {
    ReliabilityReport.record(
        "4-crash-consistency",
        "4. Crash consistency",
        FIGURES,
        0,
        "The quickstart process on PostgreSQL with "
            + ACCOUNTS
            + " accounts of "
            + OPENING
            + ": 8 clients stream random transfers and the process is killed with `kill -9` "
            + "after 2 to 4 s, "
            + KILLS
            + " times. After each kill the balances must equal the "
            + "acknowledged transfers plus a subset of whole in-flight transfers (a "
            + "half-applied transfer matches no subset), the sum is unchanged and no balance is "
            + "negative; after a restart the service serves exactly those balances. A migration "
            + "run (`svc-infra sql upgrade`) is killed inside a slow revision; the next run "
            + "succeeds without waiting for a lock and leaves the head alone in the version "
            + "table.");
  }

  /** Sends random transfers from 8 threads and kills the service 2 to 4 s in. */
  private static List<Sent> stream(ServiceProcess qs, List<Long> ids) throws Exception {
    Http http = new Http(qs.port(), Duration.ofSeconds(20));
    ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.submit(
          () -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (running.get()) {
              long from = ids.get(rnd.nextInt(ids.size()));
              long to = ids.get(rnd.nextInt(ids.size()));
              if (from == to) {
                continue;
              }
              long amount = 1 + rnd.nextInt(60);
              Boolean applied;
              try {
                Http.Reply r =
                    http.post(
                        "/transfer",
                        "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}");
                // 422 is an overdraft: refused, rolled back, known not applied.
                applied =
                    r.status() == 200 ? Boolean.TRUE : r.status() == 422 ? Boolean.FALSE : null;
              } catch (RuntimeException cutOff) {
                applied = null;
              }
              sent.add(new Sent(from, to, amount, applied));
            }
          });
    }
    Thread.sleep(2_000 + ThreadLocalRandom.current().nextInt(2_000));
    // Stop sending first: the requests cut off are then only those in flight at the kill.
    running.set(false);
    qs.kill();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    return new ArrayList<>(sent);
  }

  private static Map<Long, Long> balances(String url) throws Exception {
    Map<Long, Long> b = new HashMap<>();
    for (List<String> row : Pg.forUrl(url).rows("SELECT id, balance FROM accounts")) {
      b.put(Long.parseLong(row.get(0)), new BigDecimal(row.get(1)).longValueExact());
    }
    return b;
  }

  /** The subset of in-flight transfers that explains the balances exactly, or null. */
  private static List<Sent> wholeSubset(
      Map<Long, Long> expected, Map<Long, Long> actual, List<Sent> inFlight) {
    assertThat(inFlight.size()).as("in-flight transfers at the kill").isLessThanOrEqualTo(16);
    for (int mask = 0; mask < (1 << inFlight.size()); mask++) {
      Map<Long, Long> candidate = new HashMap<>(expected);
      List<Sent> chosen = new ArrayList<>();
      for (int i = 0; i < inFlight.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          Sent s = inFlight.get(i);
          candidate.merge(s.from(), -s.amount(), Long::sum);
          candidate.merge(s.to(), s.amount(), Long::sum);
          chosen.add(s);
        }
      }
      if (candidate.equals(actual)) {
        return chosen;
      }
    }
    return null;
  }
}
