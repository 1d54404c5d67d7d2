package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.testmodels.Memo;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row marked deleted by a boolean flag is invisible to every read and write, on every database.
 */
class BooleanSoftDeleteTest extends DatabaseSuite {
  static final SqlRepository<Memo> MEMOS = SqlRepository.of(Memo.class);

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aFlaggedRowIsGoneForTheRepositoryButStaysInTheTable(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Memo.class).table());
    Memo kept = db.inTransaction(tx -> MEMOS.create(tx, Map.of("title", "kept")));
    Memo gone = db.inTransaction(tx -> MEMOS.create(tx, Map.of("title", "gone", "deleted", true)));
    // The flag is library-managed: a create cannot start a row as deleted.
    assertThat(gone.deleted()).isFalse();
    assertThat(db.inTransaction(tx -> MEMOS.get(tx, gone.id())).isPresent()).isTrue();

    db.useTransaction(tx -> MEMOS.delete(tx, gone.id()));
    db.useTransaction(
        tx -> {
          assertThat(MEMOS.get(tx, gone.id())).isEmpty();
          assertThat(MEMOS.get(tx, Scope.where("title", "gone"), gone.id())).isEmpty();
          assertThat(MEMOS.existsById(tx, gone.id())).isFalse();
          assertThat(MEMOS.get(tx, kept.id())).contains(kept);
          assertThat(MEMOS.list(tx, ListRequest.builder().limit(10).build()).items())
              .containsExactly(kept);
          assertThat(MEMOS.count(tx)).isEqualTo(1);
          assertThatThrownBy(() -> MEMOS.update(tx, gone.id(), Map.of("title", "back")))
              .isInstanceOf(NotFoundException.class);
          assertThatThrownBy(() -> MEMOS.delete(tx, gone.id()))
              .isInstanceOf(NotFoundException.class);
          assertThat(MEMOS.update(tx, kept.id(), Map.of("title", "still here")).title())
              .isEqualTo("still here");
          assertThat(tx.query("SELECT COUNT(*) FROM memos", rs -> rs.getLong(1)))
              .containsExactly(2L);
        });
  }
}
