package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.testing.PgBouncer;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 18: the quickstart and the CLI behind a real PgBouncer in transaction pooling mode, started
 * by the test in front of the test PostgreSQL server. (The whole HTTP contract through PgBouncer
 * runs in the quickstart module, {@code QuickstartPgBouncerTest}.)
 */
class PgBouncerTest {
  private static final int CLIENTS = 32;
  private static final Duration LOAD = Duration.ofSeconds(10);
  private static final int UPGRADES = 6;

  /** Fewer server connections than the service's pool: clients must share them. */
  private static final int SERVER_POOL = 8;

  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void thirtyTwoClientsForTenSecondsGetNoErrors() throws Exception {
    try (PgBouncer bouncer = PgBouncer.start(SERVER_POOL)) {
      String url = bouncer.url(TestServices.newPostgresDatabase());
      Map<String, String> env =
          Map.of(
              "SQL_URL", url,
              "DB_POOLER", "transaction",
              "DB_POOL_SIZE", "16",
              "DB_STATEMENT_TIMEOUT_MS", "2000");
      try (InProcessQuickstart qs = InProcessQuickstart.start(env)) {
        assertThat(qs.db().jdbcUrl()).contains(":" + bouncer.port() + "/");
        Http http = new Http(qs.port(), Duration.ofSeconds(30));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          Http.Reply created =
              http.post("/users", "{\"email\":\"u" + i + "@x.io\",\"name\":\"user " + i + "\"}");
          assertThat(created.status()).as("%s", created).isEqualTo(201);
          ids.add(created.json().path("id").asText());
        }
        AtomicLong requests = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + LOAD.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
          List<Future<?>> clients = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            clients.add(
                pool.submit(
                    () -> {
                      Http client = new Http(qs.port(), Duration.ofSeconds(30));
                      ThreadLocalRandom random = ThreadLocalRandom.current();
                      while (System.nanoTime() < end) {
                        String path =
                            random.nextInt(10) == 0
                                ? "/users?q=user%201&limit=5"
                                : "/users/" + ids.get(random.nextInt(ids.size()));
                        requests.incrementAndGet();
                        try {
                          Http.Reply r = client.get(path);
                          if (r.status() / 100 != 2) {
                            failures.merge(
                                r.status() + " " + r.json().path("code").asText(), 1L, Long::sum);
                          }
                        } catch (RuntimeException e) {
                          failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                      }
                    }));
          }
          for (Future<?> f : clients) {
            f.get(LOAD.toSeconds() + 60, TimeUnit.SECONDS);
          }
        } finally {
          pool.shutdownNow();
        }
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        assertThat(failures).as("non-2xx answers through PgBouncer: %s", bouncer.log()).isEmpty();
        assertThat(requests.get()).as("requests sent").isGreaterThan(CLIENTS);
        record(
            "load",
            CLIENTS
                + " clients for "
                + tookMillis
                + " ms: "
                + requests.get()
                + " requests (GET /users/{id}, 1 in 10 a search), "
                + failed
                + " non-2xx; service pool 16, PgBouncer server pool "
                + SERVER_POOL);
      }
      // A statement timeout is scoped to its transaction: no server connection keeps one.
      assertThat(statementTimeoutsOfServerConnections(url))
          .as("statement_timeout seen on PgBouncer's server connections")
          .containsExactly("0");
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void sixConcurrentUpgradesApplyEachRevisionOnceAndLeaveNoLock(@TempDir Path work)
      throws Exception {
    Path migrations = copyQuickstartMigrations(work.resolve("migrations"));
    try (PgBouncer bouncer = PgBouncer.start(SERVER_POOL)) {
      String direct = TestServices.newPostgresDatabase();
      String url = bouncer.url(direct);
      Map<String, String> env =
          Map.of("SQL_URL", url, "DB_POOLER", "transaction", "ALEMBIC_LOCK_TIMEOUT", "90");
      List<String> upgrade =
          List.of("sql", "upgrade", "head", "--script-location", migrations.toString());
      List<ServiceProcess> runs = new ArrayList<>();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < UPGRADES; i++) {
          runs.add(ServiceProcess.cli(upgrade, env, work.resolve("run" + i)));
        }
        for (ServiceProcess run : runs) {
          assertThat(run.awaitExit(Duration.ofSeconds(150))).as("%s", run.output()).isZero();
        }
      } finally {
        for (ServiceProcess run : runs) {
          run.close();
        }
      }
      long upgradesMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      List<Revision> revisions = QuickstartRevisions.inOrder();
      String from = "base";
      for (Revision r : revisions) {
        String line = "Running upgrade " + from + " -> " + r.id();
        long applied = runs.stream().filter(p -> p.output().contains(line)).count();
        assertThat(applied).as("runs that applied revision %s", r.id()).isEqualTo(1);
        from = r.id();
      }
      Pg pg = Pg.forUrl(direct);
      assertThat(pg.rows("SELECT revision FROM svc_infra_version_history ORDER BY seq"))
          .as("the history: each revision applied once")
          .containsExactlyElementsOf(revisions.stream().map(r -> List.of(r.id())).toList());
      assertThat(pg.rows("SELECT version_num FROM svc_infra_version"))
          .containsExactly(List.of(from));
      assertThat(
              pg.queryLong(
                  "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                      + " WHERE l.locktype = 'advisory' AND d.datname = current_database()"))
          .as("advisory locks left in the database")
          .isZero();
      assertThat(pg.queryLong("SELECT count(*) FROM svc_infra_version_lock"))
          .as("lease rows left")
          .isZero();

      // The next start migrates (nothing to do) through the pooler and is not held up by a lock.
      long restart = System.nanoTime();
      try (InProcessQuickstart qs =
          InProcessQuickstart.start(
              Map.of("SQL_URL", url, "DB_POOLER", "transaction", "ALEMBIC_LOCK_TIMEOUT", "300"))) {
        assertThat(new Http(qs.port()).get("/_health/ready").status()).isEqualTo(200);
      }
      long restartMillis = Duration.ofNanos(System.nanoTime() - restart).toMillis();
      assertThat(restartMillis).as("the next start, in ms").isLessThan(20_000);
      record(
          "upgrades",
          UPGRADES
              + " concurrent `sql upgrade head` through PgBouncer in "
              + upgradesMillis
              + " ms: all exit 0, each of "
              + revisions.size()
              + " revisions applied by exactly one run, 0 advisory locks and 0 lease rows left;"
              + " next service start (migrating) ready in "
              + restartMillis
              + " ms");
    }
  }

  /**
   * The {@code statement_timeout} of PgBouncer's server connections, read through PgBouncer from
   * several clients at once (each holds its server connection for a moment, so together they reach
   * every one of them).
   */
  private static Set<String> statementTimeoutsOfServerConnections(String url) throws Exception {
    String jdbc =
        "jdbc:postgresql://"
            + url.substring(url.indexOf('@') + 1)
            + "&user=postgres&prepareThreshold=0";
    Set<String> values = ConcurrentHashMap.newKeySet();
    Set<String> backends = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(SERVER_POOL);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int i = 0; i < SERVER_POOL; i++) {
        readers.add(
            pool.submit(
                () -> {
                  try (Connection c = DriverManager.getConnection(jdbc);
                      Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    try (ResultSet rs =
                        st.executeQuery(
                            "SELECT current_setting('statement_timeout'), pg_backend_pid(),"
                                + " pg_sleep(0.3)")) {
                      rs.next();
                      values.add(rs.getString(1));
                      backends.add(rs.getString(2));
                    }
                    c.commit();
                  }
                  return null;
                }));
      }
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(backends.size()).as("server connections reached").isGreaterThan(1);
    return new HashSet<>(values);
  }

  /** The quickstart's packaged revisions, copied where the CLI can read them. */
  private static Path copyQuickstartMigrations(Path target) throws Exception {
    return QuickstartRevisions.withMigrations(
        migrations -> {
          copyTree(migrations, target);
          return target;
        });
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          try (InputStream in = Files.newInputStream(p)) {
            Files.copy(in, dest);
          }
        }
      }
    }
  }

  private static void record(String key, String figure) {
    synchronized (FIGURES) {
      FIGURES.put(key, figure);
      ReliabilityReport.record(
          "18-pgbouncer",
          "18. PgBouncer in transaction pooling mode",
          FIGURES,
          0,
          "A PgBouncer the test starts (pool_mode = transaction, 8 server connections, trust"
              + " authentication) in front of the test PostgreSQL server. The service runs with"
              + " DB_POOLER=transaction. Asserted: 32 concurrent clients for 10 s get no answer"
              + " other than 2xx; afterwards no server connection keeps a statement_timeout;"
              + " 6 concurrent CLI `sql upgrade head` runs through PgBouncer all exit 0 and each"
              + " revision is applied by exactly one of them; no advisory lock and no lease row"
              + " are left; the next service start is ready within 20 s.");
    }
  }
}
