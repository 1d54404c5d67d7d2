package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.testmodels.Person;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Updates of the same columns with and without a scope and with and without an expected version
 * each keep their own WHERE clause, in whatever order they come: unscoped statement text is reused
 * between calls, and a scoped or versioned update must never run with another shape's.
 */
class UpdateShapesTest extends DatabaseSuite {
  static final SqlRepository<Person> PEOPLE = SqlRepository.of(Person.class);

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void eachShapeKeepsItsOwnWhereClause(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    Scope t1 = Scope.where("tenant_id", "t1");
    Scope t2 = Scope.where("tenant_id", "t2");
    Person p =
        db.inTransaction(
            tx ->
                PEOPLE.create(
                    tx, Map.of("name", "A", "email", "a@example.com", "tenant_id", "t1")));

    // Unscoped first, so its text is the one reused for these columns.
    assertThat(db.inTransaction(tx -> PEOPLE.update(tx, p.id(), Map.of("name", "B"))).name())
        .isEqualTo("B");
    assertThatThrownBy(
            () -> db.useTransaction(tx -> PEOPLE.update(tx, t2, p.id(), Map.of("name", "C"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.inTransaction(tx -> PEOPLE.update(tx, t1, p.id(), Map.of("name", "C"))).name())
        .isEqualTo("C");
    assertThatThrownBy(
            () -> db.useTransaction(tx -> PEOPLE.update(tx, t2, p.id(), Map.of("name", "D"))))
        .isInstanceOf(NotFoundException.class);

    // Versioned and unversioned updates of the same columns, alternating.
    Person v = db.inTransaction(tx -> PEOPLE.get(tx, p.id())).orElseThrow();
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        PEOPLE.update(tx, p.id(), Map.of("name", "E", "version", v.version() - 1))))
        .isInstanceOf(ConflictException.class);
    Person e = db.inTransaction(tx -> PEOPLE.update(tx, p.id(), Map.of("name", "E")));
    assertThat(e.version()).isEqualTo(v.version() + 1);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> PEOPLE.update(tx, p.id(), Map.of("name", "F", "version", v.version()))))
        .isInstanceOf(ConflictException.class);
    Person f =
        db.inTransaction(
            tx -> PEOPLE.update(tx, p.id(), Map.of("name", "F", "version", e.version())));
    assertThat(f.name()).isEqualTo("F");
    assertThat(f.version()).isEqualTo(e.version() + 1);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        PEOPLE.update(tx, t2, p.id(), Map.of("name", "G", "version", f.version()))))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.inTransaction(tx -> PEOPLE.get(tx, p.id())).orElseThrow().name()).isEqualTo("F");
  }
}
