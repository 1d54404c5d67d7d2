package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.ConsistencyToken;
import dev.svcinfra.sql.Database;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20: the generated read routes on a private PostgreSQL primary and its asynchronous
 * streaming standby, both logging every statement ({@code log_statement=all}). With {@code
 * DB_READ_FROM_REPLICA=true} every GET, list and search statement of a load run is in the standby's
 * log and none in the primary's, and the standby sees no write; with it off, the standby sees none.
 * A client that sends back the {@code X-Consistency-Token} of its POST reads the row at once, every
 * time; without the token, some reads miss.
 */
class ReplicaReadsTest {
  private static final Pattern STATEMENT =
      Pattern.compile("(?:statement|execute [^:]*): (.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern WRITE =
      Pattern.compile(
          "\\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE)\\b.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RESOURCE_READ =
      Pattern.compile("\\s*SELECT\\b.*\\bFROM \"(users|accounts)\".*", Pattern.CASE_INSENSITIVE);
  private static final int USERS = 20;
  private static final int ROUNDS = 1_000;
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

  private static PgNode primary;
  private static PgNode standby;

  @BeforeAll
  static void startPrimaryAndStandby() throws Exception {
    primary = PgNode.primary("rr1");
    standby = PgNode.standbyOf(primary, "rr2");
    for (PgNode n : List.of(primary, standby)) {
      n.execute("ALTER SYSTEM SET log_statement = 'all'", "SELECT pg_reload_conf()");
    }
  }

  @AfterAll
  static void stop() {
    if (standby != null) {
      standby.close();
    }
    if (primary != null) {
      primary.close();
    }
    if (!FIGURES.isEmpty()) {
      ReliabilityReport.record(
          "20-replica-reads",
          "20. Reads from a streaming standby",
          FIGURES,
          0,
          "A private PostgreSQL primary and its asynchronous streaming standby, both with"
              + " `log_statement=all`; the in-process quickstart with `REPLICA_DB_URL` naming the"
              + " standby. Asserted: with `DB_READ_FROM_REPLICA=true`, every SELECT of"
              + " `users`/`accounts` during a 10 s load of GET one, list and search is in the"
              + " standby's log, none in the primary's, and the standby logs no write; with it"
              + " off, the standby logs none. 1,000 POSTs each followed at once by a GET with the"
              + " POST's `X-Consistency-Token`: 0 misses. A malformed token is a 400.");
    }
  }

  private static Map<String, String> env(boolean replicaReads) {
    return Map.of(
        "SQL_URL",
        "postgresql://postgres@" + primary.hostPort() + "/postgres?sslmode=disable",
        "REPLICA_DB_URL",
        "postgresql://postgres@" + standby.hostPort() + "/postgres?sslmode=disable",
        "DB_READ_FROM_REPLICA",
        String.valueOf(replicaReads));
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void generatedReadsRunOnTheStandbyOnlyWhenTurnedOn() throws Exception {
    List<String> ids = new ArrayList<>();
    try (InProcessQuickstart qs = InProcessQuickstart.start(env(false))) {
      Http http = qs.http();
      for (int i = 0; i < USERS; i++) {
        Http.Reply r =
            http.post(
                "/users",
                "{\"email\":\"reader" + i + "@example.com\",\"name\":\"Reader " + i + "\"}");
        assertThat(r.status()).as("seed: %s", r).isEqualTo(201);
        ids.add(r.json().path("id").asText());
      }
      awaitOnStandby("SELECT count(*) FROM users", String.valueOf(USERS));

      Load off = load(http, ids, Duration.ofSeconds(5));
      assertThat(off.failures).as("non-2xx answers, replica reads off").isZero();
      assertThat(off.standby.reads).as("resource reads on the standby, replica reads off").isZero();
      assertThat(off.primary.reads).as("resource reads on the primary").isPositive();
      FIGURES.put(
          "replica reads off, 5 s",
          off.requests
              + " GETs; resource SELECTs: primary "
              + off.primary.reads
              + ", standby "
              + off.standby.reads);
    }
    try (InProcessQuickstart qs = InProcessQuickstart.start(env(true), false)) {
      Load on = load(qs.http(), ids, Duration.ofSeconds(10));
      assertThat(on.failures).as("non-2xx answers, replica reads on").isZero();
      assertThat(on.primary.reads).as("resource reads on the primary, replica reads on").isZero();
      assertThat(on.standby.reads)
          .as("resource reads on the standby (at least one per request)")
          .isGreaterThanOrEqualTo(on.requests);
      assertThat(on.standby.writes).as("writes sent to the standby").isZero();
      FIGURES.put(
          "replica reads on, 10 s",
          on.requests
              + " GETs (one, list, search); resource SELECTs: standby "
              + on.standby.reads
              + " (100 %), primary 0; writes on the standby: 0");
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aReadWithTheTokenOfItsWriteNeverMisses() throws Exception {
    try (InProcessQuickstart qs = InProcessQuickstart.start(env(true))) {
      Http http = qs.http();
      awaitOnStandby("SELECT count(*) FROM accounts WHERE owner = 'none'", "0");
      int standbyLogStart = standby.log().length();
      int misses = 0;
      long start = System.nanoTime();
      for (int i = 0; i < ROUNDS; i++) {
        Http.Reply created = http.post("/accounts", "{\"owner\":\"ryw-" + i + "\",\"balance\":0}");
        assertThat(created.status()).as("POST: %s", created).isEqualTo(201);
        String token = created.header("X-Consistency-Token");
        assertThat(token).as("the POST's token").isNotNull();
        Http.Reply read = http.get(created.header("Location"), "X-Consistency-Token", token);
        assertThat(read.status()).as("GET: %s", read).isIn(200, 404);
        if (read.status() == 404) {
          misses++;
        }
      }
      long withTokenMs = (System.nanoTime() - start) / 1_000_000;
      int onStandby = statementsSince(standby, standbyLogStart).reads;
      assertThat(misses).as("reads that missed their own write, with the token").isZero();

      int missesWithout = 0;
      start = System.nanoTime();
      for (int i = 0; i < ROUNDS; i++) {
        Http.Reply created =
            http.post("/accounts", "{\"owner\":\"no-token-" + i + "\",\"balance\":0}");
        assertThat(created.status()).isEqualTo(201);
        Http.Reply read = http.get(created.header("Location"));
        assertThat(read.status()).as("GET: %s", read).isIn(200, 404);
        if (read.status() == 404) {
          missesWithout++;
        }
      }
      long withoutTokenMs = (System.nanoTime() - start) / 1_000_000;

      // The library's own path: a token taken after the commit, given to the read.
      Database db = qs.db();
      db.useTransaction(tx -> tx.execute("CREATE TABLE IF NOT EXISTS probe (id BIGINT)"));
      int libraryMisses = 0;
      for (long id = 1; id <= ROUNDS / 2; id++) {
        long row = id;
        db.useTransaction(tx -> tx.execute("INSERT INTO probe VALUES (?)", row));
        ConsistencyToken token = db.consistencyToken().orElseThrow();
        boolean seen =
            db.inReadOnlyTransaction(
                token, tx -> !tx.query("SELECT 1 FROM probe WHERE id = ?", rs -> 1, row).isEmpty());
        if (!seen) {
          libraryMisses++;
        }
      }
      assertThat(libraryMisses).as("library reads that missed, with the token").isZero();

      // A token that is no token is a 400; one of another cluster reads from the primary.
      Http.Reply bad = http.get("/accounts/1", "X-Consistency-Token", "not-a-token!");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.isProblem()).isTrue();
      assertThat(bad.json().path("code").asText()).isEqualTo("consistency_token_invalid");
      String foreign =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString("1\npostgresql\n1\nFFFF/0".getBytes(StandardCharsets.UTF_8));
      assertThat(http.get("/accounts/1", "X-Consistency-Token", foreign).status()).isEqualTo(200);

      FIGURES.put(
          "POST then GET with the token, asynchronous standby",
          ROUNDS
              + " rounds in "
              + withTokenMs
              + " ms: 0 misses; "
              + onStandby
              + " of the GETs' SELECTs ran on the standby, the rest on the primary after the"
              + " bounded wait");
      FIGURES.put(
          "POST then GET without the token (replica reads on)",
          ROUNDS + " rounds in " + withoutTokenMs + " ms: " + missesWithout + " misses");
      FIGURES.put(
          "library: insert, consistencyToken(), inReadOnlyTransaction(token, ...)",
          (ROUNDS / 2) + " rounds: 0 misses");
    }
  }

  /** GET one, list and search from 4 clients for {@code duration}, then the two logs read. */
  private static Load load(Http http, List<String> ids, Duration duration) throws Exception {
    int primaryStart = primary.log().length();
    int standbyStart = standby.log().length();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      Thread t =
          new Thread(
              () -> {
                int n = client;
                while (System.nanoTime() - end < 0) {
                  String path =
                      switch (n % 3) {
                        case 0 -> "/users/" + ids.get(n % ids.size());
                        case 1 -> "/users?limit=5";
                        default -> "/users?q=reader" + (n % USERS);
                      };
                  Http.Reply r = http.get(path);
                  requests.incrementAndGet();
                  if (r.status() != 200) {
                    failures.incrementAndGet();
                  }
                  n++;
                }
              },
              "replica-reads-client-" + c);
      t.start();
      clients.add(t);
    }
    for (Thread t : clients) {
      t.join();
    }
    Thread.sleep(500); // the servers write their log lines after answering
    return new Load(
        requests.get(),
        failures.get(),
        statementsSince(primary, primaryStart),
        statementsSince(standby, standbyStart));
  }

  private record Load(int requests, int failures, Statements primary, Statements standby) {}

  private record Statements(int reads, int writes) {}

  /** Resource reads and writes a server logged after {@code offset}. */
  private static Statements statementsSince(PgNode node, int offset) {
    String log = node.log();
    int reads = 0;
    int writes = 0;
    for (String line : log.substring(Math.min(offset, log.length())).split("\n")) {
      var m = STATEMENT.matcher(line);
      if (!m.find()) {
        continue;
      }
      String sql = m.group(1);
      if (RESOURCE_READ.matcher(sql).matches()) {
        reads++;
      } else if (WRITE.matcher(sql).matches()) {
        writes++;
      }
    }
    return new Statements(reads, writes);
  }

  private static void awaitOnStandby(String sql, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (standby.column(sql).equals(List.of(expected))) {
          return;
        }
      } catch (java.sql.SQLException notYet) {
        // The table may not have reached the standby yet.
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the standby did not catch up: " + sql);
      }
      Thread.sleep(50);
    }
  }
}
