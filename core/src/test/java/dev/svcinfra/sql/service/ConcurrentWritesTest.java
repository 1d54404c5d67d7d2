package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.TableMapping;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writers that touch different rows all succeed when they run at the same time, on every
 * database (issue 16: on SQLite a transaction that read before it wrote failed with
 * "transaction conflict" while another one wrote). Each writer reads first, as a service does
 * when it checks before it inserts or loads the row it patches.
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
    List<Person> created = runTogether(WRITERS, i -> db.inTransaction(tx -> {
      PEOPLE.count(tx);   // a read before the write, as a uniqueness check does
      return PEOPLE.create(tx, person("writer " + i, "writer" + i + "@example.com"));
    }));
    assertThat(created).extracting(Person::email).doesNotHaveDuplicates().hasSize(WRITERS);
    assertThat(db.inReadOnlyTransaction(PEOPLE::count)).isEqualTo(WRITERS);

    List<Person> updated = runTogether(WRITERS, i -> db.inTransaction(tx -> {
      Person p = PEOPLE.get(tx, created.get(i).id()).orElseThrow();
      return PEOPLE.update(tx, p.id(), Map.of("name", p.name() + " renamed"));
    }));
    assertThat(updated).extracting(Person::name).allMatch(n -> n.endsWith(" renamed"));
    List<Person> stored =
        db.inReadOnlyTransaction(tx -> PEOPLE.list(tx, 100, 0, List.of("id")).items());
    assertThat(stored).extracting(Person::name).allMatch(n -> n.endsWith(" renamed")).hasSize(WRITERS);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void readersRunBesideWriters(TestDatabase kind) throws Exception {
    Database db = setUp(kind);
    db.useTransaction(tx -> PEOPLE.create(tx, person("seed", "seed@example.com")));
    List<Long> results = runTogether(WRITERS, i -> i % 2 == 0
        ? db.inReadOnlyTransaction(PEOPLE::count)
        : db.inTransaction(tx -> {
          PEOPLE.count(tx);
          PEOPLE.create(tx, person("w" + i, "w" + i + "@example.com"));
          return -1L;
        }));
    List<Long> counts = results.stream().filter(n -> n >= 0).toList();
    assertThat(counts).hasSize(WRITERS / 2).allMatch(n -> n >= 1 && n <= 1 + WRITERS / 2);
    assertThat(db.inReadOnlyTransaction(PEOPLE::count)).isEqualTo(1 + WRITERS / 2);
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
        Callable<R> call = () -> {
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
