package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Person;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writers that touch different rows all succeed when they run at the same time, on every database
 * (issue 16: on SQLite a transaction that read before it wrote failed with "transaction conflict"
 * while another one wrote). Each writer reads first, as a service does when it checks before it
 * inserts or loads the row it patches.
 */
class ConcurrentWritesTest extends DatabaseSuite {
  private static final SqlService<Person> PEOPLE = new SqlService<>(SqlRepository.of(Person.class));
  private static final int WRITERS = 16;
  private static final int POOL = 8;

  private Database setUp(TestDatabase kind) {
    Database db = open(kind, s -> s.withPool(s.pool().withSize(POOL)));
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    return db;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void concurrentCreatesAndUpdatesOfDifferentRowsAllSucceed(TestDatabase kind) throws Exception {
    Database db = setUp(kind);
    List<Person> created =
        runTogether(
            WRITERS,
            i ->
                db.inTransaction(
                    tx -> {
                      PEOPLE.count(tx); // a read before the write, as a uniqueness check does
                      return PEOPLE.create(
                          tx, person("writer " + i, "writer" + i + "@example.com"));
                    }));
    assertThat(created).extracting(Person::email).doesNotHaveDuplicates().hasSize(WRITERS);
    assertThat(db.inReadOnlyTransaction(PEOPLE::count)).isEqualTo(WRITERS);

    List<Person> updated =
        runTogether(
            WRITERS,
            i ->
                db.inTransaction(
                    tx -> {
                      Person p = PEOPLE.get(tx, created.get(i).id()).orElseThrow();
                      return PEOPLE.update(tx, p.id(), Map.of("name", p.name() + " renamed"));
                    }));
    assertThat(updated).extracting(Person::name).allMatch(n -> n.endsWith(" renamed"));
    List<Person> stored =
        db.inReadOnlyTransaction(
            tx -> PEOPLE.list(tx, ListRequest.builder().limit(100).orderBy("id").build()).items());
    assertThat(stored)
        .extracting(Person::name)
        .allMatch(n -> n.endsWith(" renamed"))
        .hasSize(WRITERS);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void readersRunBesideWriters(TestDatabase kind) throws Exception {
    Database db = setUp(kind);
    db.useTransaction(tx -> PEOPLE.create(tx, person("seed", "seed@example.com")));
    List<Long> results =
        runTogether(
            WRITERS,
            i ->
                i % 2 == 0
                    ? db.inReadOnlyTransaction(PEOPLE::count)
                    : db.inTransaction(
                        tx -> {
                          PEOPLE.count(tx);
                          PEOPLE.create(tx, person("w" + i, "w" + i + "@example.com"));
                          return -1L;
                        }));
    List<Long> counts = results.stream().filter(n -> n >= 0).toList();
    assertThat(counts).hasSize(WRITERS / 2).allMatch(n -> n >= 1 && n <= 1 + WRITERS / 2);
    assertThat(db.inReadOnlyTransaction(PEOPLE::count)).isEqualTo(1 + WRITERS / 2);
  }

  /**
   * SQLite: while one transaction writes, a reader is served at once (write-ahead log), and a
   * second writer waits for the lock; one that waits longer than the busy timeout ({@code
   * DB_CONNECT_TIMEOUT}) answers transaction_conflict, its connection is replaced, and the next
   * writer succeeds.
   */
  @org.junit.jupiter.api.Test
  void sqliteWritersWaitForTheLockAndGiveUpOnlyAfterTheBusyTimeout() throws Exception {
    Database db =
        open(
            TestDatabase.SQLITE,
            s ->
                s.withPool(s.pool().withSize(3))
                    .withTimeouts(s.timeouts().withConnect(Duration.ofSeconds(1))));
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Person> holder =
          pool.submit(
              () ->
                  db.inTransaction(
                      tx -> {
                        Person p = PEOPLE.create(tx, person("holder", "holder@example.com"));
                        writing.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        return p;
                      }));
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      assertThat(db.inReadOnlyTransaction(PEOPLE::count)).isZero();
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(900));
      // Read-only on the primary (how SqlPlugin runs GET and HEAD) does not queue either.
      started = System.nanoTime();
      assertThat(
              db.inTransaction(
                  dev.svcinfra.sql.TransactionOptions.readOnlyOnPrimary(), PEOPLE::count))
          .isZero();
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(900));
      started = System.nanoTime();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> db.useTransaction(tx -> PEOPLE.create(tx, person("late", "late@example.com"))))
          .isInstanceOfSatisfying(
              dev.svcinfra.sql.DatabaseException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_CONFLICT));
      assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      db.useTransaction(tx -> PEOPLE.create(tx, person("after", "after@example.com")));
      assertThat(db.inReadOnlyTransaction(PEOPLE::count)).isEqualTo(2);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static Map<String, Object> person(String name, String email) {
    Map<String, Object> v = new HashMap<>();
    v.put("name", name);
    v.put("email", email);
    return v;
  }

  interface Task<R> {
    R run(int index) throws Exception;
  }

  /** Runs {@code n} tasks released at the same instant; fails with the first task's failure. */
  static <R> List<R> runTogether(int n, Task<R> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier start = new CyclicBarrier(n);
      List<Future<R>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<R> call =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return task.run(index);
            };
        futures.add(pool.submit(call));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
