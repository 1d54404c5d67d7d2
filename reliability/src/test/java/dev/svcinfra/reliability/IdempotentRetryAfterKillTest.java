package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.TestServices;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Issue 18: {@code kill -9} of the quickstart while clients send transfers with {@code
 * Idempotency-Key}, then every transfer whose answer was lost is retried with its key against the
 * restarted service until it answers. Each transfer then counts exactly once: the balances are the
 * opening balances moved by every acknowledged transfer, no more (a committed transfer replays, it
 * does not run again) and no less (one cut off before its commit runs on the retry).
 */
class IdempotentRetryAfterKillTest {
  private static final int ACCOUNTS = 6;
  private static final long OPENING = 1_000;
  private static final int CLIENTS = 8;

  /** One transfer: its key, accounts and amount, and its last answer (0: none, cut off). */
  record Sent(String key, long from, long to, long amount, int status) {
    String body() {
      return "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}";
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyTransferCountsOnceAfterKillAndRetries(@TempDir Path work) throws Exception {
    String url = TestServices.newPostgresDatabase();
    // A short lease: a claim left by the killed process frees its key 2 s later.
    Map<String, String> env =
        Map.of("SQL_URL", url, "DB_POOL_SIZE", "4", "IDEMPOTENCY_KEY_LEASE", "2");
    List<Long> ids = new ArrayList<>();
    List<Sent> sent;
    try (ServiceProcess qs = ServiceProcess.quickstart(env, work.resolve("first"))) {
      qs.awaitReady(Duration.ofSeconds(90));
      for (int i = 0; i < ACCOUNTS; i++) {
        Http.Reply r =
            qs.http().post("/accounts", "{\"owner\":\"o" + i + "\",\"balance\":" + OPENING + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        ids.add(r.json().path("id").asLong());
      }
      sent = stream(qs, ids);
    }
    List<Sent> cutOff = sent.stream().filter(s -> s.status() == 0 || s.status() >= 500).toList();
    int replayed = 0;
    int ranOnRetry = 0;
    List<Sent> settled = new ArrayList<>(sent.stream().filter(s -> !cutOff.contains(s)).toList());
    try (ServiceProcess qs = ServiceProcess.quickstart(env, work.resolve("after"))) {
      qs.awaitReady(Duration.ofSeconds(90));
      Http http = qs.http();
      for (Sent s : cutOff) {
        Http.Reply last = retry(http, s);
        if ("true".equals(last.header("Idempotent-Replayed"))) {
          replayed++;
        } else {
          ranOnRetry++;
        }
        settled.add(new Sent(s.key(), s.from(), s.to(), s.amount(), last.status()));
      }
      // Every transfer is now known: 200 applied, 422 refused (an overdraft), nothing else.
      Map<Long, Long> expected = new HashMap<>();
      ids.forEach(id -> expected.put(id, OPENING));
      long applied = 0;
      for (Sent s : settled) {
        assertThat(s.status()).as("%s", s).isIn(200, 422);
        if (s.status() == 200) {
          expected.merge(s.from(), -s.amount(), Long::sum);
          expected.merge(s.to(), s.amount(), Long::sum);
          applied++;
        }
      }
      Map<Long, Long> actual = new HashMap<>();
      for (List<String> row : Pg.forUrl(url).rows("SELECT id, balance FROM accounts")) {
        actual.put(Long.parseLong(row.get(0)), new BigDecimal(row.get(1)).longValueExact());
      }
      assertThat(actual).as("each acknowledged transfer applied exactly once").isEqualTo(expected);
      // One stored response per applied transfer, none for the refused ones.
      assertThat(
              Pg.forUrl(url)
                  .queryLong(
                      "SELECT count(*) FROM svc_idempotency_keys WHERE response_status = 200"))
          .isEqualTo(applied);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("transfers sent with Idempotency-Key", sent.size());
      figures.put("service kills (kill -9)", 1);
      figures.put(
          "answers lost to the kill",
          cutOff.size()
              + ", retried with their keys: "
              + replayed
              + " replayed (had committed), "
              + ranOnRetry
              + " ran on the retry");
      figures.put("transfers applied", applied + ", each once");
      ReliabilityReport.record(
          "4b-idempotent-retries",
          "4b. Idempotent retries across a kill",
          figures,
          0,
          "The quickstart process on PostgreSQL with "
              + ACCOUNTS
              + " accounts of "
              + OPENING
              + ": "
              + CLIENTS
              + " clients send transfers, each with its own `Idempotency-Key`, and the process is"
              + " killed with `kill -9` after 2 to 4 s. Against the restarted service every"
              + " transfer whose answer was lost is retried with its key and body until it"
              + " answers (409 while the killed request's lease of 2 s runs). Asserted: every"
              + " transfer ends 200 or 422, the balances are the opening ones moved by exactly"
              + " the 200 transfers, and the keys' table holds one stored response per applied"
              + " transfer.");
    }
  }

  /** Retries one transfer with its key until it answers 200 or 422 (bounded). */
  private static Http.Reply retry(Http http, Sent s) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Http.Reply r;
      try {
        r = http.post("/transfer", s.body(), "Idempotency-Key", s.key());
      } catch (RuntimeException refused) {
        r = null;
      }
      if (r != null && (r.status() == 200 || r.status() == 422)) {
        return r;
      }
      assertThat(System.nanoTime()).as("%s settles: last %s", s, r).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Sends transfers with fresh keys from {@link #CLIENTS} threads and kills the service. */
  private static List<Sent> stream(ServiceProcess qs, List<Long> ids) throws Exception {
    Http http = new Http(qs.port(), Duration.ofSeconds(20));
    ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    for (int t = 0; t < CLIENTS; t++) {
      pool.submit(
          () -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (running.get()) {
              long from = ids.get(rnd.nextInt(ids.size()));
              long to = ids.get(rnd.nextInt(ids.size()));
              if (from == to) {
                continue;
              }
              Sent s = new Sent(UUID.randomUUID().toString(), from, to, 1 + rnd.nextInt(60), 0);
              int status;
              try {
                status = http.post("/transfer", s.body(), "Idempotency-Key", s.key()).status();
              } catch (RuntimeException cutOff) {
                status = 0;
              }
              sent.add(new Sent(s.key(), from, to, s.amount(), status));
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
}
