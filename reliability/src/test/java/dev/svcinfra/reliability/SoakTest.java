package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.TestServices;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 9: mixed load at a moderate rate on the quickstart over PostgreSQL for {@code
 * reliability.soak.minutes} (2 in CI, 10 for the full soak). Memory and connection counts stay
 * flat, and not one request fails.
 */
class SoakTest {
  private static final int CLIENTS = 4;

  /** Pause between two requests of one client: about 4 x 12 = 48 requests a second. */
  private static final long PAUSE_MS = 80;

  private static final int POOL = 4;

  /** One sample: heap used after a full collection, pool active, server sessions, threads. */
  record Sample(long second, long heapMb, int active, long serverSessions, int threads) {}

  @Test
  @Timeout(value = 40, unit = TimeUnit.MINUTES)
  void mixedLoadKeepsMemoryAndConnectionsFlatWithoutErrors() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("reliability.soak.minutes", "2"));
    Duration length = Duration.ofSeconds((long) (minutes * 60));
    String url = TestServices.newPostgresDatabase();
    Pg pg = Pg.forUrl(url);
    String dbName = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (InProcessQuickstart qs =
        InProcessQuickstart.start(Map.of("SQL_URL", url, "DB_POOL_SIZE", String.valueOf(POOL)))) {
      Http http = new Http(qs.port(), Duration.ofSeconds(30));
      List<Long> accounts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        accounts.add(
            http.post("/accounts", "{\"owner\":\"s" + i + "\",\"balance\":1000000}")
                .json()
                .path("id")
                .asLong());
      }
      AtomicLong requests = new AtomicLong();
      AtomicLong usersCreated = new AtomicLong();
      Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        pool.submit(
            () -> {
              ThreadLocalRandom rnd = ThreadLocalRandom.current();
              long n = 0;
              while (running.get()) {
                n++;
                String tenant = "tenant" + rnd.nextInt(3);
                Http.Reply r;
                String kind;
                try {
                  switch (rnd.nextInt(8)) {
                    case 0 -> {
                      kind = "create user";
                      r =
                          http.post(
                              "/users",
                              "{\"email\":\"c"
                                  + client
                                  + "-"
                                  + n
                                  + "@soak.test\",\"name\":\"Soak\"}");
                      if (r.ok()) {
                        usersCreated.incrementAndGet();
                      }
                    }
                    case 1 -> {
                      kind = "list users";
                      r = http.get("/users?limit=20&q=soak&order_by=-created_at");
                    }
                    case 2 -> {
                      kind = "create note";
                      r =
                          http.post(
                              "/notes",
                              "{\"title\":\"t" + n + "\",\"body\":\"b\"}",
                              "X-Tenant-Id",
                              tenant);
                    }
                    case 3 -> {
                      kind = "list notes";
                      r = http.get("/notes?limit=20", "X-Tenant-Id", tenant);
                    }
                    case 4, 5 -> {
                      kind = "transfer";
                      long from = accounts.get(rnd.nextInt(accounts.size()));
                      long to =
                          accounts.get(
                              (accounts.indexOf(from) + 1 + rnd.nextInt(3)) % accounts.size());
                      r =
                          http.post(
                              "/transfer",
                              "{\"from\":"
                                  + from
                                  + ",\"to\":"
                                  + to
                                  + ",\"amount\":"
                                  + (1 + rnd.nextInt(10))
                                  + "}");
                    }
                    case 6 -> {
                      kind = "get account";
                      r = http.get("/accounts/" + accounts.get(rnd.nextInt(accounts.size())));
                    }
                    default -> {
                      kind = "health";
                      r = http.get("/_health/ready");
                    }
                  }
                  requests.incrementAndGet();
                  if (!r.ok()) {
                    errors
                        .computeIfAbsent(kind + " " + r.status(), k -> new AtomicLong())
                        .incrementAndGet();
                  }
                } catch (RuntimeException e) {
                  errors
                      .computeIfAbsent("transport " + e.getMessage(), k -> new AtomicLong())
                      .incrementAndGet();
                }
                DatabaseOutageTest.sleep(PAUSE_MS);
              }
            });
      }
      List<Sample> samples = new ArrayList<>();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long start = System.nanoTime();
      long interval = Math.max(5, length.toSeconds() / 12);
      while (System.nanoTime() - start < length.toNanos()) {
        Thread.sleep(interval * 1000);
        System.gc();
        samples.add(
            new Sample(
                Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                memory.getHeapMemoryUsage().getUsed() / (1024 * 1024),
                qs.db().activeConnections(),
                pg.queryLong(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + dbName + "'")
                    - 1,
                ManagementFactory.getThreadMXBean().getThreadCount()));
      }
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      double seconds = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;

      assertThat(errors).as("failed requests").isEmpty();
      assertThat(requests.get()).as("requests sent").isGreaterThan((long) (seconds * 10));
      // Flat: the second half never needs much more than the first (a leak grows steadily).
      List<Sample> first = samples.subList(0, samples.size() / 2);
      List<Sample> second = samples.subList(samples.size() / 2, samples.size());
      long firstHeap = first.stream().mapToLong(Sample::heapMb).max().orElse(0);
      long secondHeap = second.stream().mapToLong(Sample::heapMb).max().orElse(0);
      assertThat(secondHeap)
          .as("heap after GC, MB: %s", samples)
          .isLessThanOrEqualTo(firstHeap + Math.max(32, firstHeap / 2));
      assertThat(samples)
          .as("server sessions within the pool size")
          .allMatch(s -> s.serverSessions() <= POOL);
      int firstThreads = first.stream().mapToInt(Sample::threads).max().orElse(0);
      assertThat(second).as("threads flat").allMatch(s -> s.threads() <= firstThreads + 8);
      assertThat(qs.db().activeConnections()).as("active at idle").isZero();
      long lostUsers =
          usersCreated.get()
              - pg.queryLong("SELECT count(*) FROM users WHERE email LIKE '%@soak.test'");
      assertThat(lostUsers).as("acknowledged users missing").isZero();
      assertThat(pg.queryLong("SELECT CAST(sum(balance) AS BIGINT) FROM accounts"))
          .isEqualTo(4_000_000L);

      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("duration", String.format("%.0f s", seconds));
      figures.put(
          "requests survived",
          requests.get() + String.format(" (%.1f per second)", requests.get() / seconds));
      figures.put("errors", errors.values().stream().mapToLong(AtomicLong::get).sum());
      figures.put(
          "heap after GC, MB (per sample)",
          samples.stream().map(s -> String.valueOf(s.heapMb())).collect(Collectors.joining(" ")));
      figures.put(
          "pool active (per sample)",
          samples.stream().map(s -> String.valueOf(s.active())).collect(Collectors.joining(" ")));
      figures.put(
          "server sessions (per sample)",
          samples.stream()
              .map(s -> String.valueOf(s.serverSessions()))
              .collect(Collectors.joining(" ")));
      figures.put(
          "JVM threads (per sample)",
          samples.stream().map(s -> String.valueOf(s.threads())).collect(Collectors.joining(" ")));
      ReliabilityReport.record(
          "9-soak",
          "9. Soak",
          figures,
          lostUsers,
          "The in-process quickstart on PostgreSQL (pool of "
              + POOL
              + ") under "
              + CLIENTS
              + " clients with an 80 ms pause between requests: user and note creation, "
              + "searches, tenant lists, transfers, reads and health probes. Sampled every "
              + interval
              + " s after a full GC. Asserted: zero failed requests, the heap of "
              + "the second half within the first half's peak plus max(32 MB, 50 %), server "
              + "sessions never above the pool size, threads flat, pool active 0 at the end, "
              + "every acknowledged user stored and the sum of balances unchanged.");
    }
  }
}
