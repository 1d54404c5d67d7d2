package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.UpdatedAt;
import dev.svcinfra.sql.model.annotation.Version;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Memo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Soft delete that frees unique values, and restore (issue 21), on PostgreSQL, MariaDB and SQLite
 * (DuckDB has no partial indexes and refuses the model's index): a deleted member's email, in any
 * case, can be registered again; two live ones collide; a restore brings the row back stamped as a
 * write, answers not-found for a live or unknown row or another tenant's, and is a conflict when a
 * live row took its email meanwhile, by the database's index and by the service's own check.
 */
class RestoreTest extends DatabaseSuite {
  @Table(name = "live_members")
  @Index(columns = "email", unique = true, ignoreCase = true, liveRowsOnly = true)
  public record Member(
      @Id Long id,
      @Column(nullable = false, length = 64) String tenantId,
      @Column(nullable = false, length = 320) String email,
      @UpdatedAt Instant updatedAt,
      @SoftDelete Instant deletedAt,
      @Version long version) {}

  static final SqlRepository<Member> MEMBERS = SqlRepository.of(Member.class);

  /** With the service's check too: the database's index is then the second line. */
  static final SqlService<Member> DEDUPED = new DedupeSqlService<>(MEMBERS, List.of("email"));

  static final SqlService<Member> PLAIN = new SqlService<>(MEMBERS);

  private Database setUp(TestDatabase kind) {
    Database db = open(kind, s -> s.withPool(s.pool().withSize(8)));
    TestDatabase.create(db, TableMapping.of(Member.class).table());
    return db;
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void aDeletedEmailIsFreeAndItsRestoreIsAConflict(TestDatabase kind) {
    Database db = setUp(kind);
    for (SqlService<Member> service : List.of(PLAIN, DEDUPED)) {
      db.useTransaction(tx -> tx.execute("DELETE FROM live_members"));
      RowService<Member> acme = new TenantSqlService<>(service, "acme", "tenant_id");
      Member ann = db.inTransaction(tx -> acme.create(tx, Map.of("email", "Ann@x")));
      // Two live rows in other case: a conflict.
      assertThatThrownBy(() -> db.useTransaction(tx -> acme.create(tx, Map.of("email", "ann@X"))))
          .isInstanceOf(ConflictException.class);
      db.useTransaction(tx -> acme.delete(tx, Scope.all(), ann.id()));
      // Deleted: the same address in another case is free.
      Member again = db.inTransaction(tx -> acme.create(tx, Map.of("email", "ann@X")));
      assertThat(again.id()).isNotEqualTo(ann.id());
      // Its restore is a conflict, and changes nothing.
      assertThatThrownBy(() -> db.useTransaction(tx -> acme.restore(tx, Scope.all(), ann.id())))
          .as("%s with %s", kind, service.getClass().getSimpleName())
          .isInstanceOf(ConflictException.class);
      assertThat(get(db, acme, ann.id())).isEmpty();
      // Once the other row is gone, the restore brings it back, stamped as a write.
      db.useTransaction(tx -> acme.delete(tx, Scope.all(), again.id()));
      Member back = db.inTransaction(tx -> acme.restore(tx, Scope.all(), ann.id()));
      assertThat(back.email()).isEqualTo("Ann@x");
      assertThat(back.deletedAt()).isNull();
      assertThat(back.version()).isEqualTo(ann.version() + 1);
      assertThat(back.updatedAt()).isAfterOrEqualTo(ann.updatedAt());
      assertThat(get(db, acme, ann.id())).contains(back);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void restoreFindsOnlyDeletedRowsOfItsScope(TestDatabase kind) {
    Database db = setUp(kind);
    RowService<Member> acme = new TenantSqlService<>(DEDUPED, "acme", "tenant_id");
    RowService<Member> globex = new TenantSqlService<>(DEDUPED, "globex", "tenant_id");
    Member live = db.inTransaction(tx -> acme.create(tx, Map.of("email", "live@x")));
    Member gone = db.inTransaction(tx -> acme.create(tx, Map.of("email", "gone@x")));
    db.useTransaction(tx -> acme.delete(tx, Scope.all(), gone.id()));
    for (Object id : List.of(live.id(), 999_999L, "not-a-number")) {
      assertThatThrownBy(() -> db.useTransaction(tx -> acme.restore(tx, Scope.all(), id)))
          .as("id %s", id)
          .isInstanceOf(NotFoundException.class);
    }
    // Another tenant's deleted row, and a scope that does not match it: not found, still deleted.
    assertThatThrownBy(() -> db.useTransaction(tx -> globex.restore(tx, Scope.all(), gone.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> acme.restore(tx, Scope.where("email", "other@x"), gone.id())))
        .isInstanceOf(NotFoundException.class);
    assertThat(get(db, acme, gone.id())).isEmpty();
    assertThat(db.inTransaction(tx -> acme.restore(tx, Scope.all(), gone.id())).email())
        .isEqualTo("gone@x");
    // Restored once: a second restore finds no deleted row.
    assertThatThrownBy(() -> db.useTransaction(tx -> acme.restore(tx, Scope.all(), gone.id())))
        .isInstanceOf(NotFoundException.class);
  }

  /** Concurrent creates of a deleted member's email: exactly one wins, the others conflict. */
  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void concurrentCreatesOfAFreedEmailHaveOneWinner(TestDatabase kind) throws Exception {
    Database db = setUp(kind);
    Member ann = db.inTransaction(tx -> PLAIN.create(tx, Map.of("tenant_id", "t", "email", "a@x")));
    db.useTransaction(tx -> PLAIN.delete(tx, ann.id()));
    int writers = 6;
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Member>> results =
          IntStream.range(0, writers)
              .mapToObj(
                  i ->
                      pool.submit(
                          (Callable<Member>)
                              () -> {
                                start.await(10, TimeUnit.SECONDS);
                                return db.inTransaction(
                                    tx ->
                                        DEDUPED.create(
                                            tx,
                                            Map.of(
                                                "tenant_id",
                                                "t",
                                                "email",
                                                i % 2 == 0 ? "A@x" : "a@X")));
                              }))
              .toList();
      int won = 0;
      for (Future<Member> f : results) {
        try {
          f.get(60, TimeUnit.SECONDS);
          won++;
        } catch (ExecutionException e) {
          // Losers conflict; on SQLite a writer may also give up waiting for the lock.
          assertThat(e.getCause())
              .isInstanceOfAny(ConflictException.class, dev.svcinfra.sql.DatabaseException.class);
        }
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    long live =
        db.inTransaction(
            tx ->
                tx.query(
                        "SELECT COUNT(*) FROM live_members WHERE deleted_at IS NULL",
                        rs -> rs.getLong(1))
                    .get(0));
    assertThat(live).isEqualTo(1);
  }

  /**
   * A boolean soft-delete flag is restored to false, and without any unique index the service's own
   * check finds the conflict, on every database (DuckDB included).
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aFlaggedRowIsRestoredAndTheServiceChecksItsValues(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Memo.class).table());
    SqlService<Memo> memos = new DedupeSqlService<>(SqlRepository.of(Memo.class), List.of("title"));
    Memo first = db.inTransaction(tx -> memos.create(tx, Map.of("title", "Émile")));
    db.useTransaction(tx -> memos.delete(tx, first.id()));
    Memo second = db.inTransaction(tx -> memos.create(tx, Map.of("title", "éMILE")));
    assertThatThrownBy(() -> db.useTransaction(tx -> memos.restore(tx, Scope.all(), first.id())))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.field()).contains("title"));
    assertThat(get(db, memos, first.id())).isEmpty();
    db.useTransaction(tx -> memos.delete(tx, second.id()));
    Memo back = db.inTransaction(tx -> memos.restore(tx, Scope.all(), first.id()));
    assertThat(back.deleted()).isFalse();
    assertThat(back.title()).isEqualTo("Émile");
    assertThat(get(db, memos, first.id())).contains(back);
  }

  /** A model without a soft-delete column has nothing to restore: a clear error. */
  @Test
  void aModelWithoutSoftDeleteCannotRestore() {
    Database db = open(TestDatabase.SQLITE);
    SqlRepository<Plain> plain = SqlRepository.of(Plain.class);
    TestDatabase.create(db, TableMapping.of(Plain.class).table());
    assertThatThrownBy(() -> db.useTransaction(tx -> plain.restore(tx, Scope.all(), 1L)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no @SoftDelete column");
  }

  private static <T> Optional<T> get(Database db, RowService<T> service, Object id) {
    return db.inTransaction(tx -> service.get(tx, id));
  }

  @Table(name = "plain_rows")
  public record Plain(@Id Long id, String name) {}
}
