package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18: failover of a private primary to its streaming standby under write load. The quickstart
 * runs with a multi-host URL listing both servers; writers create accounts and retry every answer
 * other than 2xx with the same {@code Idempotency-Key}. The primary goes down ({@code pg_ctl stop
 * -m immediate}, {@code -m fast}, or {@code kill -9} of the postmaster), and after a pause that
 * stands in for failure detection the standby is promoted.
 */
class FailoverTest {
  private static final int WRITERS = 4;
  private static final Duration BEFORE = Duration.ofSeconds(3);
  private static final Duration DETECTION = Duration.ofMillis(1_500);
  private static final Duration AFTER = Duration.ofSeconds(3);
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();
  private static long lostWithSync;

  @ParameterizedTest(name = "{0}, synchronous standby: {1}")
  @CsvSource({"immediate,false", "fast,false", "kill9,false", "kill9,true"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void failoverLosesNothingAcknowledgedAndAnswersNo500(String how, boolean sync) throws Exception {
    try (PgNode n1 = PgNode.primary("n1");
        PgNode n2 = PgNode.standbyOf(n1, "n2")) {
      if (sync) {
        // Set after the base backup, so the promoted standby does not wait for a standby of its
        // own.
        n1.execute(
            "ALTER SYSTEM SET synchronous_standby_names = '*'",
            "ALTER SYSTEM SET synchronous_commit = 'remote_apply'",
            "SELECT pg_reload_conf()");
      }
      String url =
          "postgresql://postgres@"
              + n1.hostPort()
              + ","
              + n2.hostPort()
              + "/postgres?sslmode=disable";
      Map<String, String> env =
          Map.of("SQL_URL", url, "DB_CONNECT_TIMEOUT", "2", "DB_POOL_SIZE", "4");
      try (InProcessQuickstart qs = InProcessQuickstart.start(env);
          IdempotentWriters writers =
              IdempotentWriters.start(new Http(qs.port()), WRITERS, how + "-w")) {
        DatabaseOutageTest.sleep(BEFORE.toMillis());
        long faultAt = System.nanoTime();
        switch (how) {
          case "kill9" -> n1.kill9();
          default -> n1.stop(how);
        }
        DatabaseOutageTest.sleep(DETECTION.toMillis());
        long promoteAt = System.nanoTime();
        WritableWatch watch = WritableWatch.start(n2);
        n2.promote();
        long writableAt = watch.await(Duration.ofSeconds(30));
        DatabaseOutageTest.sleep(AFTER.toMillis());
        writers.stop();

        IdempotentWriters.Tally tally = writers.tally(n2::column);
        List<IdempotentWriters.Attempt> attempts = tally.attempts();
        Set<String> acknowledged = tally.acknowledged();
        List<String> duplicates = tally.duplicates();
        Set<String> lost = tally.lost();
        Map<String, Long> failures = tally.failures();
        long firstAck = writers.firstAcknowledgementAfter(writableAt);
        long replayed = attempts.stream().filter(a -> a.ok() && a.replayed()).count();

        assertThat(attempts.stream().filter(a -> a.status() >= 500 && a.status() != 503))
            .as("no 500 (or other 5xx but 503) in %s", failures)
            .isEmpty();
        assertThat(attempts.stream().filter(a -> a.status() == 0))
            .as("every request answered")
            .isEmpty();
        assertThat(attempts.stream().filter(a -> a.status() == 503 && !a.retryAfter()))
            .as("every 503 carries Retry-After")
            .isEmpty();
        assertThat(
                attempts.stream()
                    .filter(a -> !a.ok() && a.status() != 503)
                    .filter(a -> !(a.status() == 409 && a.code().equals("idempotency_key_in_use"))))
            .as("failures other than 503 and a key still in use: %s", failures)
            .isEmpty();
        assertThat(duplicates).as("accounts created twice").isEmpty();
        if (sync) {
          assertThat(lost).as("acknowledged writes lost with a synchronous standby").isEmpty();
        }
        assertThat(firstAck)
            .as("a write acknowledged after the promotion; failures %s", failures)
            .isNotEqualTo(Long.MAX_VALUE);
        Duration recovery = Duration.ofNanos(firstAck - writableAt);
        assertThat(recovery)
            .as("first acknowledged write after the standby took writes; failures %s", failures)
            .isLessThanOrEqualTo(Duration.ofSeconds(1));

        String scenario =
            (how.equals("kill9") ? "kill -9" : "stop -m " + how) + (sync ? ", sync" : ", async");
        FIGURES.put(
            scenario,
            attempts.size()
                + " requests, "
                + acknowledged.size()
                + " writes acknowledged; failures "
                + failures
                + "; longest gap between acknowledgements "
                + writers.longestGapBetweenAcknowledgements().toMillis()
                + " ms (promotion after "
                + Duration.ofNanos(promoteAt - faultAt).toMillis()
                + " ms, writable "
                + Duration.ofNanos(writableAt - faultAt).toMillis()
                + " ms after the fault); first acknowledged write "
                + recovery.toMillis()
                + " ms after the standby took writes; "
                + replayed
                + " retries answered from the stored response; duplicates "
                + duplicates.size()
                + "; acknowledged writes lost "
                + lost.size());
        if (sync) {
          lostWithSync += lost.size();
        }
      }
    }
  }

  @AfterAll
  static void report() {
    if (FIGURES.isEmpty()) {
      return;
    }
    ReliabilityReport.record(
        "18-failover",
        "18. Failover to a streaming standby",
        FIGURES,
        lostWithSync,
        "A private PostgreSQL primary and a hot standby (`initdb`, `pg_basebackup -R`) on loopback"
            + " ports; the in-process quickstart with the multi-host URL"
            + " `postgresql://...@n1,n2/postgres` (the primary pool asks for the primary); "
            + WRITERS
            + " writers POST /accounts and retry every non-2xx after 50 ms with the same"
            + " Idempotency-Key. The primary is stopped (`immediate`, `fast`) or its postmaster"
            + " killed (`kill -9`); "
            + DETECTION.toMillis()
            + " ms later the standby is promoted. Asserted: no 500, every 503 has Retry-After,"
            + " no other failure but a key still in use (409), no account created twice, the"
            + " first write acknowledged within 1 s of the standby taking writes, and with"
            + " `synchronous_commit=remote_apply` and a synchronous standby no acknowledged write"
            + " lost (rows lost below counts only that run; the asynchronous runs report theirs"
            + " above).");
  }
}
