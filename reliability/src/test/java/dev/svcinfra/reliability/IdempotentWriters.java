package dev.svcinfra.reliability;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Writers that create accounts ({@code POST /accounts}) one after another, as a careful client
 * would during a failover: every answer other than 2xx is retried after 50 ms with the same {@code
 * Idempotency-Key}, until it succeeds or the writers are stopped. Every attempt is recorded. {@link
 * #withoutKeys} writers send no key, for tests about time bounds rather than duplicates.
 *
 * <pre>{@code
 * try (IdempotentWriters w = IdempotentWriters.start(http, 4)) { ...; w.stop(); w.attempts(); }
 * }</pre>
 */
final class IdempotentWriters implements AutoCloseable {
  /** One request: which write (owner, also the key), when sent and answered, and how. */
  record Attempt(
      String owner,
      long sentNanos,
      long answeredNanos,
      int status,
      String code,
      boolean replayed,
      boolean retryAfter) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final Http http;
  private final boolean keys;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final ExecutorService pool;
  private final List<Future<?>> writers = new ArrayList<>();

  private IdempotentWriters(Http http, int count, String prefix, boolean keys) {
    this.http = http;
    this.keys = keys;
    this.pool = Executors.newFixedThreadPool(count);
    for (int w = 0; w < count; w++) {
      String writer = prefix + w;
      writers.add(pool.submit(() -> write(writer)));
    }
  }

  static IdempotentWriters start(Http http, int count, String prefix) {
    return new IdempotentWriters(http, count, prefix, true);
  }

  /** Writers that send no {@code Idempotency-Key}: a retry after a lost answer may write twice. */
  static IdempotentWriters withoutKeys(Http http, int count, String prefix) {
    return new IdempotentWriters(http, count, prefix, false);
  }

  private Void write(String writer) {
    for (int seq = 0; running.get(); seq++) {
      String owner = writer + "-" + seq;
      String body = "{\"owner\":\"" + owner + "\",\"balance\":0}";
      while (running.get()) {
        long sent = System.nanoTime();
        Attempt a;
        try {
          Http.Reply r =
              keys
                  ? http.post("/accounts", body, "Idempotency-Key", owner)
                  : http.post("/accounts", body);
          a =
              new Attempt(
                  owner,
                  sent,
                  System.nanoTime(),
                  r.status(),
                  r.ok() ? "" : code(r),
                  "true".equals(r.header("Idempotent-Replayed")),
                  r.header("Retry-After") != null);
        } catch (RuntimeException e) {
          a = new Attempt(owner, sent, System.nanoTime(), 0, "no answer: " + e, false, false);
        }
        attempts.add(a);
        if (a.ok()) {
          break;
        }
        DatabaseOutageTest.sleep(50);
      }
    }
    return null;
  }

  private static String code(Http.Reply r) {
    try {
      return r.json().path("code").asText();
    } catch (AssertionError notJson) {
      return "not a problem body";
    }
  }

  /** Stops the writers and waits for their last requests. */
  void stop() throws Exception {
    running.set(false);
    for (Future<?> f : writers) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
  }

  List<Attempt> attempts() {
    List<Attempt> all = new ArrayList<>(attempts);
    all.sort(Comparator.comparingLong(Attempt::sentNanos));
    return all;
  }

  /** Owners answered 2xx at least once: the writes a client was told happened. */
  Set<String> acknowledged() {
    Set<String> out = new HashSet<>();
    attempts.stream().filter(Attempt::ok).forEach(a -> out.add(a.owner()));
    return out;
  }

  /** Reads the first column of a query on the server that took over, for {@link #tally}. */
  interface ColumnReader {
    List<String> column(String sql) throws SQLException;
  }

  /**
   * What the writers saw set against the accounts the surviving server holds: the attempts, the
   * owners acknowledged, owners stored twice, acknowledged owners missing, and failures counted by
   * status and code.
   */
  record Tally(
      List<Attempt> attempts,
      Set<String> acknowledged,
      List<String> duplicates,
      Set<String> lost,
      Map<String, Long> failures) {}

  Tally tally(ColumnReader survivor) throws SQLException {
    List<Attempt> all = attempts();
    Set<String> acknowledged = acknowledged();
    Set<String> stored = new HashSet<>(survivor.column("SELECT owner FROM accounts"));
    List<String> duplicates =
        survivor.column("SELECT owner FROM accounts GROUP BY owner HAVING count(*) > 1");
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(stored);
    Map<String, Long> failures =
        all.stream()
            .filter(a -> !a.ok())
            .collect(
                Collectors.groupingBy(
                    a -> a.status() + " " + a.code(), LinkedHashMap::new, Collectors.counting()));
    return new Tally(all, acknowledged, duplicates, lost, failures);
  }

  /** The longest time between two consecutive 2xx answers. */
  Duration longestGapBetweenAcknowledgements() {
    long[] acks =
        attempts.stream().filter(Attempt::ok).mapToLong(Attempt::answeredNanos).sorted().toArray();
    long gap = 0;
    for (int i = 1; i < acks.length; i++) {
      gap = Math.max(gap, acks[i] - acks[i - 1]);
    }
    return Duration.ofNanos(gap);
  }

  /** The first 2xx answered at or after {@code nanos}. */
  long firstAcknowledgementAfter(long nanos) {
    return attempts.stream()
        .filter(Attempt::ok)
        .mapToLong(Attempt::answeredNanos)
        .filter(t -> t >= nanos)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  @Override
  public void close() throws Exception {
    if (running.get()) {
      stop();
    }
    pool.shutdownNow();
  }
}
