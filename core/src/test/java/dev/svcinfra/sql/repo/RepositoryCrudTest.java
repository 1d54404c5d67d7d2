package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.testmodels.Person;
import dev.svcinfra.sql.testmodels.Tag;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RepositoryCrudTest extends DatabaseSuite {
  static final SqlRepository<Person> PEOPLE = SqlRepository.of(Person.class);
  static final SqlRepository<Tag> TAGS = SqlRepository.of(Tag.class);

  Database setUp(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(
        db, TableMapping.of(Person.class).table(), TableMapping.of(Tag.class).table());
    return db;
  }

  static Map<String, Object> ann() {
    Map<String, Object> v = new HashMap<>();
    v.put("name", "Ann");
    v.put("email", "ann@example.com");
    v.put("age", 41);
    v.put("status", "ACTIVE");
    v.put("balance", "10.50");
    v.put("ref", "2f1c7a4e-9d8b-4c3a-8f00-0123456789ab");
    v.put("birthday", "1984-02-29");
    v.put("settings", Map.of("theme", "dark", "size", 3));
    v.put("active", true);
    v.put("external_ref", "crm-1");
    return v;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void createGetUpdateDeleteRoundTripEveryType(TestDatabase kind) {
    Database db = setUp(kind);
    Map<String, Object> withId = ann();
    withId.put("id", 777);
    Person created = db.inTransaction(tx -> PEOPLE.create(tx, withId));
    assertThat(created.id()).isNotNull().isNotEqualTo(777L);
    assertThat(created.balance()).isEqualByComparingTo("10.50");
    assertThat(created.ref()).isEqualTo(UUID.fromString("2f1c7a4e-9d8b-4c3a-8f00-0123456789ab"));
    assertThat(created.birthday()).isEqualTo(LocalDate.of(1984, 2, 29));
    assertThat(created.settings()).containsEntry("theme", "dark").containsEntry("size", 3);
    assertThat(created.status()).isEqualTo(Person.Status.ACTIVE);
    assertThat(created.active()).isTrue();
    assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
    assertThat(created.deletedAt()).isNull();
    assertThat(created.version()).isEqualTo(1);

    Person read = db.inReadOnlyTransaction(tx -> PEOPLE.get(tx, created.id())).orElseThrow();
    assertThat(read).usingRecursiveComparison().ignoringFields("balance").isEqualTo(created);

    Person updated =
        db.inTransaction(
            tx ->
                PEOPLE.update(
                    tx,
                    created.id(),
                    Map.of(
                        "name",
                        "Ann B",
                        "age",
                        "42",
                        "id",
                        999,
                        "created_at",
                        "2000-01-01T00:00:00Z",
                        "external_ref",
                        "changed",
                        "tenant_id",
                        "other")));
    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(updated.name()).isEqualTo("Ann B");
    assertThat(updated.age()).isEqualTo(42);
    assertThat(updated.externalRef()).isEqualTo("crm-1");
    assertThat(updated.tenantId()).isNull();
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    assertThat(updated.version()).isEqualTo(2);

    db.useTransaction(tx -> PEOPLE.delete(tx, created.id()));
    db.useTransaction(
        tx -> {
          assertThat(PEOPLE.get(tx, created.id())).isEmpty();
          assertThat(PEOPLE.count(tx)).isZero();
          assertThat(PEOPLE.list(tx, ListRequest.builder().limit(10).build()).items()).isEmpty();
          assertThat(PEOPLE.list(tx, ListRequest.builder().search("ann").limit(10).build()).total())
              .isZero();
          assertThatThrownBy(() -> PEOPLE.update(tx, created.id(), Map.of("name", "x")))
              .isInstanceOf(NotFoundException.class);
          assertThatThrownBy(() -> PEOPLE.delete(tx, created.id()))
              .isInstanceOf(NotFoundException.class)
              .extracting("code")
              .isEqualTo(ErrorCode.NOT_FOUND);
          // Soft delete kept the row.
          assertThat(tx.query("SELECT COUNT(*) FROM people", rs -> rs.getLong(1)))
              .containsExactly(1L);
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void hardDeleteAndLibraryGeneratedUuids(TestDatabase kind) {
    Database db = setUp(kind);
    OffsetDateTime stamp =
        OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.ofHours(2));
    Tag tag =
        db.inTransaction(
            tx ->
                TAGS.create(
                    tx,
                    new Tag(
                        null,
                        "red",
                        new byte[] {1, 2, 3},
                        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000),
                        LocalTime.of(13, 14, 15),
                        stamp,
                        2.5,
                        (short) 7,
                        "long text",
                        new com.fasterxml.jackson.databind.ObjectMapper()
                            .createObjectNode()
                            .put("k", "v")
                            .put("n", 2))));
    assertThat(tag.id()).isNotNull();
    Tag read = db.inTransaction(tx -> TAGS.get(tx, tag.id().toString())).orElseThrow();
    assertThat(read.data()).containsExactly(1, 2, 3);
    assertThat(read.seenAt()).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000));
    assertThat(read.atTime()).isEqualTo(LocalTime.of(13, 14, 15));
    assertThat(read.stampedAt().toInstant()).isEqualTo(stamp.toInstant());
    assertThat(read.score()).isEqualTo(2.5);
    assertThat(read.rank()).isEqualTo((short) 7);
    assertThat(read.notes()).isEqualTo("long text");
    assertThat(read.meta().get("k").asText()).isEqualTo("v");
    assertThat(read.meta().get("n").asInt()).isEqualTo(2);
    Tag changed =
        db.inTransaction(tx -> TAGS.update(tx, tag.id(), Map.of("meta", Map.of("k", "w"))));
    assertThat(changed.meta().get("k").asText()).isEqualTo("w");
    db.useTransaction(tx -> TAGS.delete(tx, tag.id()));
    db.useTransaction(
        tx -> {
          assertThat(tx.query("SELECT COUNT(*) FROM tags", rs -> rs.getLong(1)))
              .containsExactly(0L);
          assertThatThrownBy(() -> TAGS.delete(tx, tag.id())).isInstanceOf(NotFoundException.class);
          assertThat(TAGS.get(tx, "not-a-uuid")).isEmpty();
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void badInputIsAValidationErrorListingEveryFieldAndWritesNothing(TestDatabase kind) {
    Database db = setUp(kind);
    Map<String, Object> bad = new HashMap<>(ann());
    bad.put("nickname", "annie");
    bad.put("age", "old");
    bad.remove("email");
    bad.put("name", null);
    bad.put("external_ref", "x".repeat(51));
    assertThatThrownBy(() -> db.useTransaction(tx -> PEOPLE.create(tx, bad)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
              assertThat(e.errors())
                  .extracting(FieldError::field, FieldError::code)
                  .containsExactlyInAnyOrder(
                      org.assertj.core.groups.Tuple.tuple("nickname", FieldError.UNKNOWN_FIELD),
                      org.assertj.core.groups.Tuple.tuple("age", FieldError.INVALID_TYPE),
                      org.assertj.core.groups.Tuple.tuple("name", FieldError.REQUIRED),
                      org.assertj.core.groups.Tuple.tuple("email", FieldError.REQUIRED),
                      org.assertj.core.groups.Tuple.tuple(
                          "external_ref", FieldError.INVALID_VALUE));
            });
    Person p = db.inTransaction(tx -> PEOPLE.create(tx, ann()));
    assertThatThrownBy(
            () ->
                db.useTransaction(tx -> PEOPLE.update(tx, p.id(), Map.of("name", "B", "bogus", 1))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("bogus"));
    Map<String, Object> nullName = new HashMap<>();
    nullName.put("name", null);
    assertThatThrownBy(() -> db.useTransaction(tx -> PEOPLE.update(tx, p.id(), nullName)))
        .isInstanceOf(ValidationException.class);
    assertThat(db.inTransaction(tx -> PEOPLE.get(tx, p.id())).orElseThrow().name())
        .isEqualTo("Ann");
    assertThat((long) db.inTransaction(tx -> PEOPLE.count(tx))).isEqualTo(1L);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void uniqueViolationIsAConflictNamingTheFieldAndCheckViolationIsValidation(TestDatabase kind) {
    Database db = setUp(kind);
    db.useTransaction(tx -> PEOPLE.create(tx, ann()));
    Map<String, Object> again = new HashMap<>(ann());
    again.put("name", "Other");
    assertThatThrownBy(() -> db.useTransaction(tx -> PEOPLE.create(tx, again)))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(e.field()).contains("email");
            });
    Map<String, Object> negative = new HashMap<>(ann());
    negative.put("email", "neg@example.com");
    negative.put("age", -1);
    assertThatThrownBy(() -> db.useTransaction(tx -> PEOPLE.create(tx, negative)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors().get(0).code()).isEqualTo(FieldError.INVALID_VALUE));
    assertThat((long) db.inTransaction(tx -> PEOPLE.count(tx))).isEqualTo(1L);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void anOutdatedVersionIsAConflict(TestDatabase kind) {
    Database db = setUp(kind);
    Person p = db.inTransaction(tx -> PEOPLE.create(tx, ann()));
    Person v2 =
        db.inTransaction(tx -> PEOPLE.update(tx, p.id(), Map.of("name", "B", "version", 1)));
    assertThat(v2.version()).isEqualTo(2);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> PEOPLE.update(tx, p.id(), Map.of("name", "C", "version", 1))))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.field()).contains("version"));
    assertThat(db.inTransaction(tx -> PEOPLE.get(tx, p.id())).orElseThrow().name()).isEqualTo("B");
  }
}
