package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A unique ignore-case index makes {@code Ann@x} and {@code ann@X} the same key in the database
 * itself, and the repository reports the violation as a conflict on the field. MariaDB gets there
 * through an index on an invisible {@code lower(email)} column, SQLite through its registered
 * Unicode fold, the others through {@code lower(email)}.
 */
class IgnoreCaseUniqueIndexTest extends DatabaseSuite {
  @Table(name = "members")
  @Index(columns = "email", unique = true, ignoreCase = true)
  public record Member(@Id Long id, @Column(nullable = false, length = 320) String email) {}

  static final SqlRepository<Member> MEMBERS = SqlRepository.of(Member.class);

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void theSameAddressInAnotherCaseIsAConflictOnTheField(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Member.class).table());
    db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", "Ann@x")));
    assertThatThrownBy(() -> db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", "ann@X"))))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.field()).contains("email"));
    // Another address is no conflict, and the first row is still the only one of its kind.
    db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", "bob@x")));
    long count = db.inTransaction(tx -> MEMBERS.count(tx));
    assertThat(count).isEqualTo(2);
  }
}
