package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.TableMapping;
import dev.svcinfra.sql.testmodels.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RepositoryQueryTest extends DatabaseSuite {
  static final SqlRepository<Person> PEOPLE = SqlRepository.builder(Person.class)
      .searchFields("name", "email").orderFields("name", "age", "created_at").build();

  static final List<String> NAMES = List.of("100% Pure", "100 Pure", "snake_case", "snakeXcase",
      "back\\slash", "backslash", "MiXeD Case", "mixed case", "plain", "Plain Two");

  Database setUp(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    db.useTransaction(tx -> {
      int i = 0;
      for (String name : NAMES) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", name);
        v.put("email", "p" + i + "@example.com");
        v.put("age", i % 3);
        i++;
        PEOPLE.create(tx, v);
      }
    });
    return db;
  }

  static List<String> names(Page<Person> page) {
    return page.items().stream().map(Person::name).toList();
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void searchMatchesWildcardsAndBackslashLiterallyIgnoringCase(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(tx -> {
      assertThat(names(PEOPLE.search(tx, "0%", null, 50, 0, List.of("name"))))
          .containsExactly("100% Pure");
      assertThat(names(PEOPLE.search(tx, "e_c", List.of("name"), 50, 0, List.of("name"))))
          .containsExactly("snake_case");
      assertThat(names(PEOPLE.search(tx, "k\\s", List.of("name"), 50, 0, List.of("name"))))
          .containsExactly("back\\slash");
      assertThat(names(PEOPLE.search(tx, "MIXED", List.of("name"), 50, 0, List.of("name"))))
          .containsExactlyInAnyOrder("MiXeD Case", "mixed case");
      assertThat(PEOPLE.search(tx, "!", List.of("name"), 50, 0, List.of()).total()).isZero();
      assertThat(PEOPLE.search(tx, "P3@EXAMPLE", null, 50, 0, List.of()).total()).isEqualTo(1);
      assertThat(PEOPLE.search(tx, "", null, 50, 0, List.of()).total()).isEqualTo(NAMES.size());
    });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void disallowedSearchAndOrderFieldsAreErrorsNeverMatchEverything(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(tx -> {
      assertThatThrownBy(() -> PEOPLE.search(tx, "x", List.of("external_ref"), 10, 0, List.of()))
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors().get(0).code()).isEqualTo(FieldError.NOT_ALLOWED);
            assertThat(e.getMessage()).contains("external_ref").contains("[email, name]");
          });
      assertThatThrownBy(() -> PEOPLE.list(tx, 10, 0, List.of("-email")))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cannot order by 'email'");
      assertThatThrownBy(() -> PEOPLE.list(tx, 10, 0, List.of("name; DROP TABLE people")))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> PEOPLE.list(tx, 0, -1, List.of()))
          .isInstanceOfSatisfying(ValidationException.class, e ->
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("limit", "offset"));
    });
    assertThat((long) db.inTransaction(tx -> PEOPLE.count(tx))).isEqualTo(NAMES.size());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void orderingIsAllowlistedWithTheIdAsTieBreakerAndPagesCarryTheTotal(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(tx -> {
      Page<Person> byAge = PEOPLE.list(tx, 4, 0, List.of("-age"));
      assertThat(byAge.total()).isEqualTo(NAMES.size());
      assertThat(byAge.items()).extracting(Person::age).containsExactly(2, 2, 2, 1);
      List<Long> ids = byAge.items().stream().map(Person::id).toList();
      assertThat(ids.subList(0, 3)).isSorted();

      List<String> all = new ArrayList<>();
      for (int offset = 0; offset < NAMES.size(); offset += 3) {
        Page<Person> page = PEOPLE.list(tx, 3, offset, List.of("age", "-name"));
        assertThat(page.total()).isEqualTo(NAMES.size());
        assertThat(page.offset()).isEqualTo(offset);
        all.addAll(names(page));
      }
      assertThat(all).hasSize(NAMES.size()).doesNotHaveDuplicates();
      assertThat(PEOPLE.list(tx, 3, 100, List.of()).items()).isEmpty();
      assertThat(PEOPLE.list(tx, 3, 100, List.of()).total()).isEqualTo(NAMES.size());
      assertThat(PEOPLE.countFiltered(tx, Scope.where("age", 0))).isEqualTo(4);
      assertThat(PEOPLE.exists(tx, Scope.where("name", "plain"))).isTrue();
      assertThat(PEOPLE.exists(tx, Scope.where("name", "nobody"))).isFalse();
      assertThatThrownBy(() -> PEOPLE.countFiltered(tx, Scope.where("nope", 1)))
          .isInstanceOf(ValidationException.class);
    });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void keysetPaginationVisitsEveryRowOnceInOrder(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(tx -> {
      PEOPLE.delete(tx, PEOPLE.list(tx, 1, 0, List.of("id")).items().get(0).id());
      assertThat(walk(tx, "-age")).extracting(Person::age).isSortedAccordingTo(
          java.util.Comparator.reverseOrder()).hasSize(NAMES.size() - 1);
      List<Person> byId = walk(tx, null);
      assertThat(byId).extracting(Person::id).isSorted().doesNotHaveDuplicates()
          .hasSize(NAMES.size() - 1);
      List<Person> byAge = walk(tx, "age");
      assertThat(byAge).extracting(Person::id).doesNotHaveDuplicates().hasSize(NAMES.size() - 1);
      assertThatThrownBy(() -> PEOPLE.listAfter(tx, Scope.all(), "garbage", 3, "age"))
          .isInstanceOfSatisfying(ValidationException.class, e ->
              assertThat(e.errors().get(0).field()).isEqualTo("cursor"));
      String ageCursor = PEOPLE.listAfter(tx, Scope.all(), null, 3, "age").nextCursor().orElseThrow();
      assertThatThrownBy(() -> PEOPLE.listAfter(tx, Scope.all(), ageCursor, 3, "name"))
          .isInstanceOf(ValidationException.class);
    });
  }

  private static List<Person> walk(Transaction tx, String order) {
    List<Person> out = new ArrayList<>();
    String cursor = null;
    do {
      Slice<Person> slice = PEOPLE.listAfter(tx, Scope.all(), cursor, 4, order);
      assertThat(slice.items()).hasSizeLessThanOrEqualTo(4);
      out.addAll(slice.items());
      cursor = slice.nextCursor().orElse(null);
    } while (cursor != null);
    return out;
  }
}
