package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.PreconditionFailedException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.testmodels.Memo;
import dev.svcinfra.sql.testmodels.Person;
import dev.svcinfra.sql.testmodels.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row tags and conditional updates and deletes (issue 16, lost updates): a tag is stable across
 * reads and changes with every write; a stale tag writes nothing; a missing row is "not found"
 * whatever the tags; of concurrent writers holding the same tag exactly one wins.
 */
class ConditionalWriteTest extends DatabaseSuite {
  static final SqlRepository<Person> PEOPLE = SqlRepository.of(Person.class);
  static final SqlRepository<Memo> MEMOS = SqlRepository.of(Memo.class);
  static final SqlRepository<Tag> TAGS = SqlRepository.of(Tag.class);

  Database setUp(TestDatabase kind, int poolSize) {
    Database db = open(kind, s -> s.withPool(s.pool().withSize(poolSize)));
    TestDatabase.create(
        db,
        TableMapping.of(Person.class).table(),
        TableMapping.of(Memo.class).table(),
        TableMapping.of(Tag.class).table());
    return db;
  }

  static Map<String, Object> person(String email) {
    Map<String, Object> v = new HashMap<>(RepositoryCrudTest.ann());
    v.put("email", email);
    v.put("tenant_id", "acme");
    return v;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void tagsAreStableAcrossReadsAndChangeWithEveryWrite(TestDatabase kind) {
    Database db = setUp(kind, 3);
    Person ann = db.inTransaction(tx -> PEOPLE.create(tx, person("ann@example.com")));
    assertThat(PEOPLE.tag(ann)).isEqualTo("1");
    Person changed =
        db.inTransaction(
            tx -> PEOPLE.update(tx, Scope.all(), ann.id(), Map.of("name", "Anna"), Set.of("1")));
    assertThat(PEOPLE.tag(changed)).isEqualTo("2");

    Map<String, Object> values = new HashMap<>();
    values.put("label", "ÉMILE \uD83D\uDE00 e\u0301");
    values.put("data", new byte[] {0, 1, (byte) 0xff});
    values.put("seen_at", "2024-01-02T03:04:05.123456");
    values.put("at_time", "10:11:12");
    values.put("stamped_at", "2024-01-02T03:04:05.5+02:00");
    values.put("score", 0.1);
    values.put("rank", 7);
    values.put("notes", "long text");
    values.put("meta", Map.of("b", List.of(1, 2), "a", Map.of("z", true, "y", "x")));
    Tag created = db.inTransaction(tx -> TAGS.create(tx, values));
    Tag read = db.inTransaction(tx -> TAGS.get(tx, created.id()).orElseThrow());
    assertThat(TAGS.tag(read))
        .as("a read gives the tag the write answered")
        .isEqualTo(TAGS.tag(created))
        .matches("[A-Za-z0-9_-]{22}");
    Tag updated =
        db.inTransaction(
            tx ->
                TAGS.update(
                    tx, Scope.all(), created.id(), Map.of("rank", 8), Set.of(TAGS.tag(read))));
    assertThat(TAGS.tag(updated))
        .isNotEqualTo(TAGS.tag(read))
        .isEqualTo(TAGS.tag(db.inTransaction(tx -> TAGS.get(tx, created.id()).orElseThrow())));
    // A change back to the earlier value gives the earlier tag: the tag is the content.
    Tag back = db.inTransaction(tx -> TAGS.update(tx, created.id(), Map.of("rank", 7)));
    assertThat(TAGS.tag(back)).isEqualTo(TAGS.tag(read));
  }

  /** The example of docs/data-layer.md ("Row tags and conditional writes"), as written. */
  @org.junit.jupiter.api.Test
  void theGuideExampleWorksAsWritten() {
    Database db = setUp(TestDatabase.SQLITE, 3);
    SqlRepository<Person> people = PEOPLE;
    long id = db.inTransaction(tx -> people.create(tx, person("guide@example.com"))).id();

    Person read = db.inTransaction(tx -> people.get(tx, id).orElseThrow());
    String tag = people.tag(read); // "7" with @Version, else a 22-character hash
    // ... the user edits; someone else may change the row meanwhile ...
    Person saved =
        db.inTransaction(
            tx -> people.update(tx, Scope.all(), id, Map.of("name", "Ann"), Set.of(tag)));

    assertThat(saved.name()).isEqualTo("Ann");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    tx -> people.update(tx, Scope.all(), id, Map.of("name", "Bob"), Set.of(tag))))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aStaleTagWritesNothing(TestDatabase kind) {
    Database db = setUp(kind, 3);
    Person ann = db.inTransaction(tx -> PEOPLE.create(tx, person("ann@example.com")));
    Memo memo = db.inTransaction(tx -> MEMOS.create(tx, Map.of("title", "first")));
    String memoTag = MEMOS.tag(memo);
    db.useTransaction(tx -> MEMOS.update(tx, memo.id(), Map.of("title", "second")));
    db.useTransaction(tx -> PEOPLE.update(tx, ann.id(), Map.of("name", "Anna")));

    for (Set<String> stale :
        List.of(
            Set.of("1"), Set.of("nope", "1"), Set.of("\"2\""), Set.of("02", "+2", " 2", "2.0"))) {
      assertThatThrownBy(
              () ->
                  db.useTransaction(
                      tx -> PEOPLE.update(tx, Scope.all(), ann.id(), Map.of("name", "Bob"), stale)))
          .isInstanceOf(PreconditionFailedException.class);
    }
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        MEMOS.update(
                            tx, Scope.all(), memo.id(), Map.of("title", "third"), Set.of(memoTag))))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () ->
                db.useTransaction(tx -> MEMOS.delete(tx, Scope.all(), memo.id(), Set.of(memoTag))))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () -> db.useTransaction(tx -> PEOPLE.delete(tx, Scope.all(), ann.id(), Set.of("1"))))
        .isInstanceOf(PreconditionFailedException.class);
    db.useTransaction(
        tx -> {
          assertThat(PEOPLE.get(tx, ann.id()).orElseThrow().name()).isEqualTo("Anna");
          assertThat(MEMOS.get(tx, memo.id()).orElseThrow().title()).isEqualTo("second");
        });

    // One matching tag among others is enough; the version in the body is checked as well.
    assertThat(
            db.inTransaction(
                    tx ->
                        PEOPLE.update(
                            tx, Scope.all(), ann.id(), Map.of("name", "Bob"), Set.of("1", "2")))
                .version())
        .isEqualTo(3);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        PEOPLE.update(
                            tx,
                            Scope.all(),
                            ann.id(),
                            Map.of("name", "Cy", "version", 2),
                            Set.of("3"))))
        .isInstanceOf(ConflictException.class);
    Memo current = db.inTransaction(tx -> MEMOS.get(tx, memo.id()).orElseThrow());
    db.useTransaction(tx -> MEMOS.delete(tx, Scope.all(), memo.id(), Set.of(MEMOS.tag(current))));
    db.useTransaction(tx -> PEOPLE.delete(tx, Scope.all(), ann.id(), Set.of("3")));
    db.useTransaction(
        tx -> {
          assertThat(PEOPLE.get(tx, ann.id())).isEmpty();
          assertThat(MEMOS.get(tx, memo.id())).isEmpty();
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void missingDeletedAndOutOfScopeRowsAreNotFoundWhateverTheTags(TestDatabase kind) {
    Database db = setUp(kind, 3);
    Person ann = db.inTransaction(tx -> PEOPLE.create(tx, person("ann@example.com")));
    Memo memo = db.inTransaction(tx -> MEMOS.create(tx, Map.of("title", "first")));
    String memoTag = MEMOS.tag(memo);
    Scope other = Scope.where("tenant_id", "other");
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> PEOPLE.update(tx, other, ann.id(), Map.of("name", "x"), Set.of("1"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> PEOPLE.update(tx, other, ann.id(), Map.of("name", "x"), Set.of("zz"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> db.useTransaction(tx -> PEOPLE.delete(tx, other, ann.id(), Set.of("1"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        MEMOS.update(
                            tx, Scope.all(), 999_999L, Map.of("title", "x"), Set.of(memoTag))))
        .isInstanceOf(NotFoundException.class);
    db.useTransaction(tx -> MEMOS.delete(tx, memo.id()));
    db.useTransaction(tx -> PEOPLE.delete(tx, ann.id()));
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        MEMOS.update(
                            tx, Scope.all(), memo.id(), Map.of("title", "x"), Set.of(memoTag))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        PEOPLE.update(tx, Scope.all(), ann.id(), Map.of("name", "x"), Set.of("2"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.useTransaction(tx -> MEMOS.delete(tx, Scope.all(), memo.id(), Set.of(memoTag))))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void ofConcurrentWritersWithTheSameTagExactlyOneWins(TestDatabase kind) throws Exception {
    int writers = 6;
    Database db = setUp(kind, writers);
    Person ann = db.inTransaction(tx -> PEOPLE.create(tx, person("ann@example.com")));
    Memo memo = db.inTransaction(tx -> MEMOS.create(tx, Map.of("title", "first")));
    for (int round = 0; round < 3; round++) {
      String r = "round " + round + " writer ";
      Memo current = db.inTransaction(tx -> MEMOS.get(tx, memo.id()).orElseThrow());
      race(
          writers,
          i ->
              db.inTransaction(
                      tx ->
                          MEMOS.update(
                              tx,
                              Scope.all(),
                              memo.id(),
                              Map.of("title", r + i),
                              Set.of(MEMOS.tag(current))))
                  .title(),
          () -> db.inTransaction(tx -> MEMOS.get(tx, memo.id()).orElseThrow().title()));
      String version = PEOPLE.tag(db.inTransaction(tx -> PEOPLE.get(tx, ann.id()).orElseThrow()));
      race(
          writers,
          i ->
              db.inTransaction(
                      tx ->
                          PEOPLE.update(
                              tx, Scope.all(), ann.id(), Map.of("name", r + i), Set.of(version)))
                  .name(),
          () -> db.inTransaction(tx -> PEOPLE.get(tx, ann.id()).orElseThrow().name()));
    }
    Memo last = db.inTransaction(tx -> MEMOS.get(tx, memo.id()).orElseThrow());
    // Concurrent deletes with the same tag: one deletes; the others find the row gone (404),
    // changed (412) or collide (409), never a second write.
    List<String> deleted =
        race(
            writers,
            i -> {
              db.useTransaction(
                  tx -> MEMOS.delete(tx, Scope.all(), memo.id(), Set.of(MEMOS.tag(last))));
              return "deleted";
            },
            ErrorCode.NOT_FOUND);
    assertThat(deleted).containsExactly("deleted");
    Optional<Memo> gone = db.inTransaction(tx -> MEMOS.get(tx, memo.id()));
    assertThat(gone).isEmpty();
  }

  interface Writer {
    String write(int i);
  }

  /**
   * Starts {@code writers} writes at once; exactly one succeeds and its value is the stored one.
   * The others fail with a failed precondition, or, where the database detects the race itself
   * (SQLite's busy upgrade, DuckDB's write conflict), with a transaction conflict: never a write.
   */
  private static void race(int writers, Writer writer, Supplier<String> stored) throws Exception {
    List<String> won = race(writers, writer, ErrorCode.PRECONDITION_FAILED);
    assertThat(won).hasSize(1);
    assertThat(stored.get()).isEqualTo(won.get(0));
  }

  /** The results of the writes that succeeded; each failure must have one of the codes. */
  private static List<String> race(int writers, Writer writer, ErrorCode loserCode)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return writer.write(n);
                }));
      }
      start.countDown();
      List<String> won = new ArrayList<>();
      for (Future<String> f : results) {
        try {
          won.add(f.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(SvcInfraException.class);
          assertThat(((SvcInfraException) e.getCause()).code())
              .isIn(ErrorCode.PRECONDITION_FAILED, loserCode, ErrorCode.TRANSACTION_CONFLICT);
        }
      }
      return won;
    } finally {
      pool.shutdownNow();
    }
  }
}
