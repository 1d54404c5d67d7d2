package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceTest extends DatabaseSuite {
  static final SqlRepository<Person> PEOPLE = SqlRepository.of(Person.class);

  /** Records hook calls and lower-cases emails before writing, as a password hash would be. */
  static class RecordingService extends SqlService<Person> {
    final List<String> calls = new ArrayList<>();

    RecordingService(SqlRepository<Person> repo) {
      super(repo);
    }

    @Override
    protected Map<String, Object> preCreate(Transaction tx, Map<String, Object> values) {
      calls.add("preCreate");
      values.computeIfPresent("email", (k, v) -> ((String) v).toLowerCase(Locale.ROOT));
      return values;
    }

    @Override
    protected Person postCreate(Transaction tx, Person created) {
      calls.add("postCreate:" + created.id());
      return created;
    }

    @Override
    protected Map<String, Object> preUpdate(Transaction tx, Object id, Map<String, Object> values) {
      calls.add("preUpdate:" + id);
      return values;
    }

    @Override
    protected Person postUpdate(Transaction tx, Person updated) {
      calls.add("postUpdate:" + updated.name());
      return updated;
    }

    @Override
    protected void preDelete(Transaction tx, Object id) {
      calls.add("preDelete:" + id);
    }

    @Override
    protected void postDelete(Transaction tx, Object id) {
      calls.add("postDelete:" + id);
    }
  }

  Database setUp(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Person.class).table());
    return db;
  }

  static Map<String, Object> person(String name, String email) {
    Map<String, Object> v = new HashMap<>();
    v.put("name", name);
    v.put("email", email);
    return v;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void hooksRunInOrderAroundEachWrite(TestDatabase kind) {
    Database db = setUp(kind);
    RecordingService service = new RecordingService(PEOPLE);
    Person p = db.inTransaction(tx -> service.create(tx, person("Ann", "ANN@Example.com")));
    assertThat(p.email()).isEqualTo("ann@example.com");
    db.useTransaction(tx -> service.update(tx, p.id(), Map.of("name", "Bea")));
    db.useTransaction(tx -> service.delete(tx, p.id()));
    assertThat(service.calls)
        .containsExactly(
            "preCreate",
            "postCreate:" + p.id(),
            "preUpdate:" + p.id(),
            "postUpdate:Bea",
            "preDelete:" + p.id(),
            "postDelete:" + p.id());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void tenantsSeeAndChangeOnlyTheirOwnRows(TestDatabase kind) {
    Database db = setUp(kind);
    RecordingService inner = new RecordingService(PEOPLE);
    RowService<Person> acme = new TenantSqlService<>(inner, "acme", "tenant_id");
    RowService<Person> globex = new TenantSqlService<>(PEOPLE, "globex", "tenant_id");
    Person a = db.inTransaction(tx -> acme.create(tx, person("Ann", "ann@acme.test")));
    Person g = db.inTransaction(tx -> globex.create(tx, person("Gil", "gil@globex.test")));
    assertThat(a.tenantId()).isEqualTo("acme");
    assertThat(inner.calls).startsWith("preCreate");

    db.useTransaction(
        tx -> {
          assertThat(acme.list(tx, ListRequest.builder().limit(10).build()).items())
              .extracting(Person::name)
              .containsExactly("Ann");
          assertThat(acme.count(tx)).isEqualTo(1);
          assertThat(acme.list(tx, ListRequest.builder().search("gil").limit(10).build()).total())
              .isZero();
          assertThat(acme.get(tx, g.id())).isEmpty();
          assertThat(
                  acme.listAfter(tx, ListRequest.builder().limit(10).after(null).build()).items())
              .hasSize(1);
          assertThatThrownBy(() -> acme.update(tx, g.id(), Map.of("name", "hacked")))
              .isInstanceOf(NotFoundException.class);
          assertThatThrownBy(() -> acme.delete(tx, g.id())).isInstanceOf(NotFoundException.class);
          // Creating into, or moving a row to, another tenant is refused.
          Map<String, Object> intruder = person("Eve", "eve@acme.test");
          intruder.put("tenant_id", "globex");
          assertThatThrownBy(() -> acme.create(tx, intruder))
              .isInstanceOfSatisfying(
                  ValidationException.class,
                  e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("tenant_id");
                    assertThat(e.errors().get(0).code()).isEqualTo(FieldError.NOT_ALLOWED);
                  });
          assertThatThrownBy(() -> acme.update(tx, a.id(), Map.of("tenant_id", "globex")))
              .isInstanceOf(ValidationException.class);
          assertThatThrownBy(
                  () ->
                      acme.list(
                          tx,
                          ListRequest.builder()
                              .filters(Scope.where("tenant_id", "globex"))
                              .limit(10)
                              .build()))
              .isInstanceOf(ValidationException.class);
          assertThat(acme.update(tx, a.id(), Map.of("tenant_id", "acme", "name", "Ann B")).name())
              .isEqualTo("Ann B");
        });
    db.useTransaction(
        tx -> {
          assertThat(PEOPLE.get(tx, g.id()).orElseThrow().name()).isEqualTo("Gil");
          assertThat(PEOPLE.get(tx, g.id()).orElseThrow().tenantId()).isEqualTo("globex");
          assertThat(PEOPLE.get(tx, a.id()).orElseThrow().tenantId()).isEqualTo("acme");
          assertThat(PEOPLE.count(tx)).isEqualTo(2);
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void dedupeRefusesCaseInsensitiveDuplicatesWithinTheTenant(TestDatabase kind) {
    Database db = setUp(kind);
    SqlService<Person> dedupe = new DedupeSqlService<>(PEOPLE, List.of("name"));
    RowService<Person> acme = new TenantSqlService<>(dedupe, "acme", "tenant_id");
    RowService<Person> globex = new TenantSqlService<>(dedupe, "globex", "tenant_id");
    Person ann = db.inTransaction(tx -> acme.create(tx, person("Ann", "a1@test")));
    assertThatThrownBy(() -> db.useTransaction(tx -> acme.create(tx, person("ANN", "a2@test"))))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.field()).contains("name");
              assertThat(e.getMessage()).contains("'ANN'");
            });
    // Another tenant may use the name; the row itself may keep its own name on update.
    db.useTransaction(tx -> globex.create(tx, person("ann", "a3@test")));
    db.useTransaction(tx -> acme.update(tx, ann.id(), Map.of("name", "aNN")));
    Person bob = db.inTransaction(tx -> acme.create(tx, person("Bob", "b@test")));
    assertThatThrownBy(
            () -> db.useTransaction(tx -> acme.update(tx, bob.id(), Map.of("name", "ann"))))
        .isInstanceOf(ConflictException.class);
    assertThat((long) db.inTransaction(tx -> PEOPLE.count(tx))).isEqualTo(3L);
  }
}
