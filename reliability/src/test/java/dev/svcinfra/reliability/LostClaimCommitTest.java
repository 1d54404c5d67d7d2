package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18: the commit of an idempotency key's claim is applied but its answer is lost. This is
 * what a primary killed while its sessions wait for a synchronous standby leaves behind: the
 * standby that takes over holds the claim, and the service heard only that the connection broke.
 * The retry with the same key must run at once, not answer 409 {@code idempotency_key_in_use} until
 * the lease (10 s) of a claim no request runs under is over; in {@link FailoverTest} four writers
 * stuck that way acknowledged nothing for seconds after the standby took writes.
 *
 * <p>Reproduced on one private server: with {@code synchronous_standby_names} naming a standby that
 * never connects, every commit that wrote waits after it was applied; the session waiting on the
 * claim's commit is terminated, so the claim stays committed and the client's connection just
 * closes.
 */
class LostClaimCommitTest {
  private static final String KEY = "lost-claim-commit";
  private static final String BODY = "{\"owner\":\"" + KEY + "\",\"balance\":0}";

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void theRetryOfARequestWhoseClaimCommitWasLostRunsAtOnce() throws Exception {
    ExecutorService client = Executors.newSingleThreadExecutor();
    try (PgNode n1 = PgNode.primary("claim")) {
      String url = "postgresql://postgres@" + n1.hostPort() + "/postgres?sslmode=disable";
      Map<String, String> env =
          Map.of("SQL_URL", url, "DB_CONNECT_TIMEOUT", "2", "DB_POOL_SIZE", "2");
      try (InProcessQuickstart qs = InProcessQuickstart.start(env)) {
        Http http = qs.http();
        // A first request with a key, so the key store's first purge is behind us.
        assertThat(
                http.post(
                        "/accounts",
                        "{\"owner\":\"warm-up\",\"balance\":0}",
                        "Idempotency-Key",
                        "warm-up")
                    .status())
            .isEqualTo(201);

        n1.execute(
            "ALTER SYSTEM SET synchronous_standby_names = 'absent'", "SELECT pg_reload_conf()");
        Future<Http.Reply> first =
            client.submit(() -> http.post("/accounts", BODY, "Idempotency-Key", KEY));
        // The request's first commit that writes is its claim's (looking the key up writes
        // nothing, so it does not wait).
        String waiting = awaitSyncRepWait(n1);
        n1.execute("SELECT pg_terminate_backend(" + waiting + ")");
        Http.Reply lost = first.get(30, TimeUnit.SECONDS);
        n1.execute("ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()");

        assertThat(lost.status()).as("%s", lost).isEqualTo(503);
        assertThat(lost.json().path("code").asText()).isEqualTo("commit_outcome_unknown");
        assertThat(lost.header("Retry-After")).isNotNull();
        // The claim was committed though the service never heard so; the request did not run.
        assertThat(
                n1.column(
                    "SELECT count(*) FROM svc_idempotency_keys WHERE response_status IS NULL"))
            .containsExactly("1");
        assertThat(n1.column("SELECT count(*) FROM accounts WHERE owner = '" + KEY + "'"))
            .containsExactly("0");

        long retried = System.nanoTime();
        Http.Reply retry = http.post("/accounts", BODY, "Idempotency-Key", KEY);
        Duration took = Duration.ofNanos(System.nanoTime() - retried);
        assertThat(retry.status()).as("the retry runs at once: %s", retry).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        Http.Reply again = http.post("/accounts", BODY, "Idempotency-Key", KEY);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(n1.column("SELECT count(*) FROM accounts WHERE owner = '" + KEY + "'"))
            .as("the account is created once")
            .containsExactly("1");

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("first attempt", lost.status() + " " + lost.json().path("code").asText());
        figures.put("claim committed without the service knowing", "yes (1 open claim row)");
        figures.put(
            "retry with the same key", retry.status() + " after " + took.toMillis() + " ms");
        figures.put("next retry", again.status() + ", replayed");
        ReliabilityReport.record(
            "18-lost-claim-commit",
            "18. Idempotency key claimed, commit answer lost",
            figures,
            0,
            "A private PostgreSQL server with `synchronous_standby_names` naming a standby that"
                + " never connects, so each commit that wrote is applied and then waits; the"
                + " in-process quickstart gets POST /accounts with an `Idempotency-Key`, and the"
                + " session waiting on the commit of the key's claim is terminated. Asserted: the"
                + " request answers 503 `commit_outcome_unknown` with Retry-After, the claim is"
                + " committed and the account is not, the retry with the same key answers 201"
                + " at once (not 409 `idempotency_key_in_use` until the claim's lease is over),"
                + " the next retry is replayed, and the account exists once.");
      }
    } finally {
      client.shutdownNow();
    }
  }

  /** The pid of the session that waits for the synchronous standby, once there is one. */
  private static String awaitSyncRepWait(PgNode n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      List<String> pids = n.column("SELECT pid FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
      if (!pids.isEmpty()) {
        assertThat(pids).as("sessions waiting for the standby").hasSize(1);
        return pids.get(0);
      }
      assertThat(System.nanoTime()).as("a commit waits for the standby").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
