package dev.svcinfra.sql.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ReferentialAction;
import dev.svcinfra.sql.model.annotation.Check;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.ForeignKey;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Immutable;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;
import dev.svcinfra.sql.model.annotation.UpdatedAt;
import dev.svcinfra.sql.model.annotation.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TableMappingTest {
  enum Status {
    ACTIVE,
    BLOCKED
  }

  @Table(name = "people", renamedFrom = "persons")
  @Index(columns = {"tenant_id", "created_at"})
  @Check(name = "ck_people_age", value = "age >= 0")
  public record Person(
      @Id(generation = Generation.UUID) UUID id,
      @TenantId @Column(nullable = false) String tenantId,
      @Column(nullable = false, unique = true, length = 320) String email,
      @Column(renamedFrom = "years") int age,
      @Column(precision = 12, scale = 3) BigDecimal balance,
      Status status,
      LocalDate birthday,
      @Column(type = ColumnType.Kind.TEXT) String bio,
      Map<String, Object> settings,
      @Immutable String externalRef,
      @ForeignKey(table = "teams", onDelete = ReferentialAction.CASCADE) @Index Long teamId,
      @CreatedAt Instant createdAt,
      @UpdatedAt Instant updatedAt,
      @SoftDelete Instant deletedAt,
      @Version long version) {}

  @Table
  public static class LegacyOrder {
    @Id Long id;
    String customerName;
    boolean paid;

    public LegacyOrder() {}
  }

  @Test
  void recordBecomesATableWithTypesConstraintsAndRoles() {
    TableMapping<Person> m = TableMapping.of(Person.class);
    var t = m.table();
    assertThat(t.name()).isEqualTo("people");
    assertThat(t.previousNames()).containsExactly("persons");
    assertThat(t.primaryKey()).containsExactly("id");
    assertThat(t.columns())
        .extracting(c -> c.name())
        .containsExactly(
            "id",
            "tenant_id",
            "email",
            "age",
            "balance",
            "status",
            "birthday",
            "bio",
            "settings",
            "external_ref",
            "team_id",
            "created_at",
            "updated_at",
            "deleted_at",
            "version");
    assertThat(t.column("email").orElseThrow().type()).isEqualTo(ColumnType.string(320));
    assertThat(t.column("email").orElseThrow().nullable()).isFalse();
    assertThat(t.column("age").orElseThrow().nullable()).isFalse();
    assertThat(t.column("age").orElseThrow().previousNames()).containsExactly("years");
    assertThat(t.column("balance").orElseThrow().type()).isEqualTo(ColumnType.decimal(12, 3));
    assertThat(t.column("status").orElseThrow().type().enumValues())
        .containsExactly("ACTIVE", "BLOCKED");
    assertThat(t.column("bio").orElseThrow().type().kind()).isEqualTo(ColumnType.Kind.TEXT);
    assertThat(t.column("settings").orElseThrow().type().kind()).isEqualTo(ColumnType.Kind.JSON);
    assertThat(t.column("created_at").orElseThrow().type().kind())
        .isEqualTo(ColumnType.Kind.TIMESTAMP_TZ);
    assertThat(t.uniqueConstraints())
        .containsExactly(new UniqueConstraint("uq_people_email", List.of("email")));
    assertThat(t.indexes())
        .containsExactly(
            new dev.svcinfra.sql.model.internal.Index(
                "ix_people_tenant_id_created_at", List.of("tenant_id", "created_at"), false),
            new dev.svcinfra.sql.model.internal.Index(
                "ix_people_team_id", List.of("team_id"), false));
    assertThat(t.foreignKeys())
        .singleElement()
        .satisfies(
            fk -> {
              assertThat(fk.name()).isEqualTo("fk_people_team_id");
              assertThat(fk.referencedTable()).isEqualTo("teams");
              assertThat(fk.onDelete()).isEqualTo(ReferentialAction.CASCADE);
            });
    assertThat(t.checks()).containsExactly(new CheckConstraint("ck_people_age", "age >= 0"));

    assertThat(m.idGeneration()).isEqualTo(Generation.UUID);
    assertThat(m.tenant().orElseThrow().name()).isEqualTo("tenant_id");
    assertThat(m.softDelete().orElseThrow().name()).isEqualTo("deleted_at");
    assertThat(m.version().orElseThrow().name()).isEqualTo("version");
    assertThat(m.immutableColumns())
        .containsExactlyInAnyOrder(
            "id", "tenant_id", "external_ref", "created_at", "updated_at", "version");
    assertThat(TableMapping.of(Person.class)).isSameAs(m);
  }

  @Test
  void rowsAreBuiltAndReadThroughTheMapping() {
    TableMapping<Person> m = TableMapping.of(Person.class);
    UUID id = UUID.randomUUID();
    Object[] values = new Object[m.columns().size()];
    values[0] = id;
    values[1] = "t1";
    values[2] = "a@example.com";
    values[3] = 42;
    values[5] = Status.ACTIVE;
    Person p = m.newInstance(values);
    assertThat(p.id()).isEqualTo(id);
    assertThat(p.age()).isEqualTo(42);
    assertThat(m.toMap(p))
        .containsEntry("email", "a@example.com")
        .containsEntry("status", Status.ACTIVE);
    assertThat(m.column("status").orElseThrow().toDatabase(Status.BLOCKED)).isEqualTo("BLOCKED");
    assertThat(m.column("settings").orElseThrow().toDatabase(Map.of("a", 1)))
        .isEqualTo("{\"a\":1}");
    assertThat(m.column("settings").orElseThrow().toJava("{\"a\":1}")).isEqualTo(Map.of("a", 1));
    assertThat(m.column("balance").orElseThrow().toJava(new BigDecimal("1.5")))
        .isEqualTo(new BigDecimal("1.500"));
  }

  @Test
  void plainClassesUseTheNoArgConstructorAndFields() {
    TableMapping<LegacyOrder> m = TableMapping.of(LegacyOrder.class);
    assertThat(m.table().name()).isEqualTo("legacy_order");
    assertThat(m.id().column().identity()).isTrue();
    LegacyOrder o = m.newInstance(new Object[] {7L, "Ann", null});
    assertThat(o.id).isEqualTo(7L);
    assertThat(o.customerName).isEqualTo("Ann");
    assertThat(o.paid).isFalse();
  }

  @Test
  void looseInputIsCoercedOrRejectedWithWhatIsExpected() {
    TableMapping<Person> m = TableMapping.of(Person.class);
    assertThat(m.column("age").orElseThrow().coerce("12")).isEqualTo(12);
    assertThat(m.column("team_id").orElseThrow().coerce(5)).isEqualTo(5L);
    assertThat(m.column("status").orElseThrow().coerce("blocked")).isEqualTo(Status.BLOCKED);
    assertThat(m.column("created_at").orElseThrow().coerce("2024-01-02T03:04:05Z"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThatThrownBy(() -> m.column("age").orElseThrow().coerce("twelve"))
        .hasMessage("a whole number");
    assertThatThrownBy(() -> m.column("age").orElseThrow().coerce(1.5))
        .hasMessage("a whole number");
    assertThatThrownBy(() -> m.column("status").orElseThrow().coerce("gone"))
        .hasMessage("one of [ACTIVE, BLOCKED]");
    assertThatThrownBy(() -> m.column("email").orElseThrow().coerce(12)).hasMessage("a string");
  }

  @Table
  public record NoId(String name) {}

  @Table
  public record TwoTenants(@Id Long id, @TenantId String a, @TenantId String b) {}

  @Table
  public record BadIdentity(@Id UUID id) {}

  @Table
  public record Unsupported(@Id Long id, Thread thread) {}

  @Test
  void contradictoryModelsAreRefusedNamingClassAndField() {
    assertThatThrownBy(() -> TableMapping.of(NoId.class)).hasMessageContaining("NoId has no @Id");
    assertThatThrownBy(() -> TableMapping.of(TwoTenants.class))
        .hasMessageContaining("@TenantId on both a and b");
    assertThatThrownBy(() -> TableMapping.of(BadIdentity.class))
        .hasMessageContaining("BadIdentity.id")
        .hasMessageContaining("Generation.UUID");
    assertThatThrownBy(() -> TableMapping.of(Unsupported.class))
        .hasMessageContaining("Unsupported.thread")
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void snakeCaseNames() {
    assertThat(SnakeCase.of("createdAt")).isEqualTo("created_at");
    assertThat(SnakeCase.of("HTTPLog")).isEqualTo("http_log");
    assertThat(SnakeCase.of("userId2")).isEqualTo("user_id2");
    assertThat(SnakeCase.of("Account")).isEqualTo("account");
  }
}
