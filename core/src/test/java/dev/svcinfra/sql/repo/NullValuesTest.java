package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.testmodels.Memo;
import dev.svcinfra.sql.testmodels.Person;
import dev.svcinfra.sql.testmodels.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL NULL reads back as null in every boxed field, whatever the column kind, and as the zero of a
 * primitive field; a value next to a NULL in the same row is not mistaken for one.
 */
class NullValuesTest extends DatabaseSuite {
  /** Primitive fields over a table whose columns allow NULL (a schema written by hand). */
  @dev.svcinfra.sql.model.annotation.Table(name = "counters")
  public record Counter(@Id Long id, int hits, boolean flag, double ratio, short rank) {}

  /** The same table as a class: a primitive field keeps its initializer when the column is NULL. */
  @dev.svcinfra.sql.model.annotation.Table(name = "counters")
  public static class CounterBean {
    @Id Long id;
    int hits = -1;
    boolean flag = true;
    double ratio = 0.5;
    short rank = 3;

    public CounterBean() {}
  }

  static final SqlRepository<Person> PEOPLE = SqlRepository.of(Person.class);
  static final SqlRepository<Tag> TAGS = SqlRepository.of(Tag.class);
  static final SqlRepository<Memo> MEMOS = SqlRepository.of(Memo.class);

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void nullColumnsReadAsNullOrThePrimitiveZero(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(
        db,
        TableMapping.of(Person.class).table(),
        TableMapping.of(Tag.class).table(),
        TableMapping.of(Memo.class).table());
    Tag tag = db.inTransaction(tx -> TAGS.create(tx, Map.of("label", "bare")));
    Person person =
        db.inTransaction(
            tx -> PEOPLE.create(tx, Map.of("name", "Bare", "email", "bare@example.com")));
    Memo memo = db.inTransaction(tx -> MEMOS.create(tx, Map.of("title", "bare")));
    Memo full =
        db.inTransaction(
            tx ->
                MEMOS.create(
                    tx,
                    Map.of(
                        "title", "full", "parent_id", memo.id(), "priority", 0, "pinned", false)));

    for (Tag t : List.of(tag, db.inTransaction(tx -> TAGS.get(tx, tag.id())).orElseThrow())) {
      assertThat(t.data()).isNull();
      assertThat(t.seenAt()).isNull();
      assertThat(t.atTime()).isNull();
      assertThat(t.stampedAt()).isNull();
      assertThat(t.rank()).isNull();
      assertThat(t.notes()).isNull();
      assertThat(t.meta()).isNull();
      assertThat(t.score()).isZero();
    }
    for (Person p :
        List.of(person, db.inTransaction(tx -> PEOPLE.get(tx, person.id())).orElseThrow())) {
      assertThat(p.tenantId()).isNull();
      assertThat(p.status()).isNull();
      assertThat(p.balance()).isNull();
      assertThat(p.ref()).isNull();
      assertThat(p.birthday()).isNull();
      assertThat(p.settings()).isNull();
      assertThat(p.externalRef()).isNull();
      assertThat(p.deletedAt()).isNull();
      assertThat(p.age()).isZero();
      assertThat(p.active()).isFalse();
    }
    assertThat(db.inTransaction(tx -> MEMOS.get(tx, memo.id())).orElseThrow())
        .isEqualTo(new Memo(memo.id(), "bare", null, null, null, false));
    // Zero and false are values, not NULL.
    assertThat(db.inTransaction(tx -> MEMOS.get(tx, full.id())).orElseThrow())
        .isEqualTo(new Memo(full.id(), "full", memo.id(), 0, false, false));
    Memo changed = db.inTransaction(tx -> MEMOS.update(tx, full.id(), Map.of("title", "changed")));
    assertThat(changed).isEqualTo(new Memo(full.id(), "changed", memo.id(), 0, false, false));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void anExplicitNullIsWrittenToAJsonColumn(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    Map<String, Object> values = new HashMap<>();
    values.put("name", "Json");
    values.put("email", "json@example.com");
    values.put("settings", null);
    Person created = db.inTransaction(tx -> PEOPLE.create(tx, values));
    assertThat(created.settings()).isNull();
    Person set =
        db.inTransaction(tx -> PEOPLE.update(tx, created.id(), Map.of("settings", Map.of("a", 1))));
    assertThat(set.settings()).containsEntry("a", 1);
    Map<String, Object> clear = new HashMap<>();
    clear.put("settings", null);
    Person cleared = db.inTransaction(tx -> PEOPLE.update(tx, created.id(), clear));
    assertThat(cleared.settings()).isNull();
    assertThat(db.inTransaction(tx -> PEOPLE.get(tx, created.id())).orElseThrow().settings())
        .isNull();
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void nullInAPrimitiveColumnIsTheRecordZeroAndLeavesAClassFieldAlone(TestDatabase kind) {
    Database db = open(kind);
    db.useTransaction(
        tx -> {
          tx.execute(
              "CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER, flag BOOLEAN, "
                  + "ratio DOUBLE PRECISION, rank SMALLINT)");
          tx.execute(
              "INSERT INTO counters (id, hits, flag, ratio, rank) VALUES (1, NULL, NULL, "
                  + "NULL, NULL)");
          tx.execute(
              "INSERT INTO counters (id, hits, flag, ratio, rank) VALUES (2, 7, ?, 2.5, 4)", true);
        });
    SqlRepository<Counter> records = SqlRepository.of(Counter.class);
    SqlRepository<CounterBean> beans = SqlRepository.of(CounterBean.class);
    db.useTransaction(
        tx -> {
          assertThat(records.get(tx, 1L)).contains(new Counter(1L, 0, false, 0.0, (short) 0));
          assertThat(records.get(tx, 2L)).contains(new Counter(2L, 7, true, 2.5, (short) 4));
          assertThat(
                  records.list(tx, ListRequest.builder().limit(10).orderBy("id").build()).items())
              .containsExactly(
                  new Counter(1L, 0, false, 0.0, (short) 0),
                  new Counter(2L, 7, true, 2.5, (short) 4));
          CounterBean nulls = beans.get(tx, 1L).orElseThrow();
          assertThat(nulls.hits).isEqualTo(-1);
          assertThat(nulls.flag).isTrue();
          assertThat(nulls.ratio).isEqualTo(0.5);
          assertThat(nulls.rank).isEqualTo((short) 3);
          CounterBean values = beans.get(tx, 2L).orElseThrow();
          assertThat(values.hits).isEqualTo(7);
          assertThat(values.flag).isTrue();
          assertThat(values.ratio).isEqualTo(2.5);
          assertThat(values.rank).isEqualTo((short) 4);
        });
  }
}
