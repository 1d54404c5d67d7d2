package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.testmodels.Person;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RepositoryQueryTest extends DatabaseSuite {
  static final SqlRepository<Person> PEOPLE =
      SqlRepository.builder(Person.class)
          .searchFields("name", "email")
          .orderFields("name", "age", "created_at")
          .build();

  static final List<String> NAMES =
      List.of(
          "100% Pure",
          "100 Pure",
          "snake_case",
          "snakeXcase",
          "back\\slash",
          "backslash",
          "MiXeD Case",
          "mixed case",
          "plain",
          "Plain Two");

  Database setUp(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    db.useTransaction(
        tx -> {
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
    db.useTransaction(
        tx -> {
          assertThat(
                  names(
                      PEOPLE.list(
                          tx,
                          ListRequest.builder().search("0%").limit(50).orderBy("name").build())))
              .containsExactly("100% Pure");
          assertThat(
                  names(
                      PEOPLE.list(
                          tx,
                          ListRequest.builder()
                              .search("e_c", "name")
                              .limit(50)
                              .orderBy("name")
                              .build())))
              .containsExactly("snake_case");
          assertThat(
                  names(
                      PEOPLE.list(
                          tx,
                          ListRequest.builder()
                              .search("k\\s", "name")
                              .limit(50)
                              .orderBy("name")
                              .build())))
              .containsExactly("back\\slash");
          assertThat(
                  names(
                      PEOPLE.list(
                          tx,
                          ListRequest.builder()
                              .search("MIXED", "name")
                              .limit(50)
                              .orderBy("name")
                              .build())))
              .containsExactlyInAnyOrder("MiXeD Case", "mixed case");
          assertThat(
                  PEOPLE
                      .list(tx, ListRequest.builder().search("!", "name").limit(50).build())
                      .total())
              .isZero();
          assertThat(
                  PEOPLE
                      .list(tx, ListRequest.builder().search("P3@EXAMPLE").limit(50).build())
                      .total())
              .isEqualTo(1);
          assertThat(PEOPLE.list(tx, ListRequest.builder().search("").limit(50).build()).total())
              .isEqualTo(NAMES.size());
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void disallowedSearchAndOrderFieldsAreErrorsNeverMatchEverything(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(
        tx -> {
          assertThatThrownBy(
                  () ->
                      PEOPLE.list(
                          tx, ListRequest.builder().search("x", "external_ref").limit(10).build()))
              .isInstanceOfSatisfying(
                  ValidationException.class,
                  e -> {
                    assertThat(e.errors().get(0).code()).isEqualTo(FieldError.NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("external_ref").contains("[email, name]");
                  });
          assertThatThrownBy(
                  () -> PEOPLE.list(tx, ListRequest.builder().limit(10).orderBy("-email").build()))
              .isInstanceOf(ValidationException.class)
              .hasMessageContaining("cannot order by 'email'");
          assertThatThrownBy(
                  () ->
                      PEOPLE.list(
                          tx,
                          ListRequest.builder()
                              .limit(10)
                              .orderBy("name; DROP TABLE people")
                              .build()))
              .isInstanceOf(ValidationException.class);
          assertThatThrownBy(
                  () -> PEOPLE.list(tx, ListRequest.builder().limit(0).offset(-1).build()))
              .isInstanceOfSatisfying(
                  ValidationException.class,
                  e ->
                      assertThat(e.errors())
                          .extracting(FieldError::field)
                          .containsExactly("limit", "offset"));
        });
    assertThat((long) db.inTransaction(tx -> PEOPLE.count(tx))).isEqualTo(NAMES.size());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void orderingIsAllowlistedWithTheIdAsTieBreakerAndPagesCarryTheTotal(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(
        tx -> {
          Page<Person> byAge =
              PEOPLE.list(tx, ListRequest.builder().limit(4).orderBy("-age").build());
          assertThat(byAge.total()).isEqualTo(NAMES.size());
          assertThat(byAge.items()).extracting(Person::age).containsExactly(2, 2, 2, 1);
          List<Long> ids = byAge.items().stream().map(Person::id).toList();
          assertThat(ids.subList(0, 3)).isSorted();

          List<String> all = new ArrayList<>();
          for (int offset = 0; offset < NAMES.size(); offset += 3) {
            Page<Person> page =
                PEOPLE.list(
                    tx,
                    ListRequest.builder().limit(3).offset(offset).orderBy("age", "-name").build());
            assertThat(page.total()).isEqualTo(NAMES.size());
            assertThat(page.offset()).isEqualTo(offset);
            all.addAll(names(page));
          }
          assertThat(all).hasSize(NAMES.size()).doesNotHaveDuplicates();
          assertThat(PEOPLE.list(tx, ListRequest.builder().limit(3).offset(100).build()).items())
              .isEmpty();
          assertThat(PEOPLE.list(tx, ListRequest.builder().limit(3).offset(100).build()).total())
              .isEqualTo(NAMES.size());
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
    db.useTransaction(
        tx -> {
          PEOPLE.delete(
              tx,
              PEOPLE
                  .list(tx, ListRequest.builder().limit(1).orderBy("id").build())
                  .items()
                  .get(0)
                  .id());
          assertThat(walk(tx, "-age"))
              .extracting(Person::age)
              .isSortedAccordingTo(Comparator.reverseOrder())
              .hasSize(NAMES.size() - 1);
          List<Person> byId = walk(tx, null);
          assertThat(byId)
              .extracting(Person::id)
              .isSorted()
              .doesNotHaveDuplicates()
              .hasSize(NAMES.size() - 1);
          List<Person> byAge = walk(tx, "age");
          assertThat(byAge)
              .extracting(Person::id)
              .doesNotHaveDuplicates()
              .hasSize(NAMES.size() - 1);
          assertThatThrownBy(
                  () ->
                      PEOPLE.listAfter(
                          tx,
                          ListRequest.builder().limit(3).orderBy("age").after("garbage").build()))
              .isInstanceOfSatisfying(
                  ValidationException.class,
                  e -> assertThat(e.errors().get(0).field()).isEqualTo("cursor"));
          String ageCursor =
              PEOPLE
                  .listAfter(tx, ListRequest.builder().limit(3).orderBy("age").after(null).build())
                  .nextCursor()
                  .orElseThrow();
          assertThatThrownBy(
                  () ->
                      PEOPLE.listAfter(
                          tx,
                          ListRequest.builder().limit(3).orderBy("name").after(ageCursor).build()))
              .isInstanceOf(ValidationException.class);
        });
  }

  private static List<Person> walk(Transaction tx, String order) {
    List<Person> out = new ArrayList<>();
    String cursor = null;
    do {
      Slice<Person> slice =
          PEOPLE.listAfter(tx, ListRequest.builder().limit(4).orderBy(order).after(cursor).build());
      assertThat(slice.items()).hasSizeLessThanOrEqualTo(4);
      out.addAll(slice.items());
      cursor = slice.nextCursor().orElse(null);
    } while (cursor != null);
    return out;
  }
}
