package dev.svcinfra.sql.testmodels;

import dev.svcinfra.sql.model.annotation.Check;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
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
import java.util.Map;
import java.util.UUID;

/** A soft-deleted, tenant-scoped, versioned model using most column types. */
@Table(name = "people")
@Index(columns = {"tenant_id", "name"})
@Check(name = "ck_people_age", value = "age >= 0")
public record Person(
    @Id Long id,
    @TenantId @Column(length = 64) String tenantId,
    @Column(nullable = false, length = 100) String name,
    @Column(nullable = false, unique = true, length = 200) String email,
    int age,
    Status status,
    @Column(precision = 12, scale = 2) BigDecimal balance,
    UUID ref,
    LocalDate birthday,
    Map<String, Object> settings,
    boolean active,
    @Immutable @Column(length = 50) String externalRef,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @SoftDelete Instant deletedAt,
    @Version long version) {

  public enum Status {
    ACTIVE,
    BLOCKED
  }
}
