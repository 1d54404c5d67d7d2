package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.service.DedupeSqlService;
import dev.svcinfra.sql.service.SqlService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, item 6: ignoring case means Unicode lowercase and nothing else, on every database.
 * {@code ÉMILE@x} collides with {@code émile@x} (SQLite's own {@code lower()} folds ASCII only),
 * {@code emile@x} does not (MariaDB's {@code _ci} collations ignore accents), and a search for
 * {@code ωmega} finds {@code ΩMEGA}.
 */
class UnicodeCaseFoldTest extends DatabaseSuite {
  @Table(name = "members")
  @Index(columns = "email", unique = true, ignoreCase = true)
  public record Member(
      @Id Long id,
      @Column(nullable = false, length = 320) String email,
      @Column(length = 200) String name) {}

  static final SqlRepository<Member> MEMBERS = SqlRepository.of(Member.class);

  private Database members(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Member.class).table());
    return db;
  }

  private static void add(Database db, String email) {
    db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", email, "name", email)));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void uppercaseBeyondAsciiCollides(TestDatabase kind) {
    Database db = members(kind);
    add(db, "émile@x.com");
    add(db, "ωmega@x.com");
    add(db, "straße@x.com");
    add(db, "иван@x.com");
    for (String twin :
        List.of(
            "ÉMILE@x.com",
            "Émile@X.com",
            "ΩMEGA@x.com",
            "STRAßE@x.com",
            "ИВАН@x.com",
            "ИваН@X.COM")) {
      assertThatThrownBy(() -> add(db, twin))
          .as(twin)
          .isInstanceOfSatisfying(
              ConflictException.class, e -> assertThat(e.field()).contains("email"));
    }
    long count = db.inTransaction(tx -> MEMBERS.count(tx));
    assertThat(count).isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void accentsWidthSpacesAndMarksStayDistinct(TestDatabase kind) {
    Database db = members(kind);
    add(db, "émile@x.com");
    // Each differs from every other by more than case.
    List<String> distinct =
        List.of(
            "emile@x.com",
            "èmile@x.com",
            "e\u0301mile@x.com",
            "émile@x.com ",
            "ｅmile@x.com",
            "émile@x.co",
            "émilé@x.com");
    for (String other : distinct) {
      add(db, other);
    }
    long count = db.inTransaction(tx -> MEMBERS.count(tx));
    assertThat(count).isEqualTo(1 + distinct.size());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void searchFoldsUnicodeCaseAndKeepsAccents(TestDatabase kind) {
    Database db = members(kind);
    add(db, "ΩMEGA@x.com");
    add(db, "émile@x.com");
    add(db, "emile@y.com");
    add(db, "ИВАН@x.com");
    assertThat(search(db, "ωmega")).containsExactly("ΩMEGA@x.com");
    assertThat(search(db, "ÉMILE")).containsExactly("émile@x.com");
    assertThat(search(db, "emile")).containsExactly("emile@y.com");
    assertThat(search(db, "иван")).containsExactly("ИВАН@x.com");
    assertThat(search(db, "ｅmile")).isEmpty();
    assertThat(search(db, "%")).isEmpty();
    assertThat(search(db, "_mile")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aSearchWithNulIsRefusedNotAMatchForEveryRow(TestDatabase kind) {
    Database db = members(kind);
    add(db, "ann@x.com");
    for (String q : List.of("\0", "ann\0", "\0zzz")) {
      assertThatThrownBy(() -> search(db, q))
          .as("q=%s", q.replace("\0", "\\0"))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("q"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void dedupeFoldsTheSameWay(TestDatabase kind) {
    Database db = members(kind);
    SqlService<Member> service = new DedupeSqlService<>(MEMBERS, List.of("name"));
    db.useTransaction(tx -> service.create(tx, Map.of("email", "a@x", "name", "Ωmega Émile")));
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> service.create(tx, Map.of("email", "b@x", "name", "ωMEGA émile"))))
        .isInstanceOf(ConflictException.class);
    db.useTransaction(tx -> service.create(tx, Map.of("email", "c@x", "name", "ωMEGA emile")));
    long count = db.inTransaction(tx -> MEMBERS.countFiltered(tx, Scope.all()));
    assertThat(count).isEqualTo(2);
  }

  private static List<String> search(Database db, String q) {
    return db.inTransaction(
        tx ->
            MEMBERS
                .list(tx, ListRequest.builder().search(q, "email").limit(100).build())
                .items()
                .stream()
                .map(Member::email)
                .toList());
  }
}
