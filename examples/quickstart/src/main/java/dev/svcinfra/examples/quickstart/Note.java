package dev.svcinfra.examples.quickstart;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;
import java.time.Instant;

/**
 * A note owned by a tenant. {@code @TenantId} makes the resource tenant-scoped: the tenant comes
 * from the {@code X-Tenant-Id} header, is written on create, can never be changed, and another
 * tenant's note is a 404.
 *
 * @since 0.1
 */
@Table(name = "notes")
@Index(name = "ix_notes_tenant_id", columns = "tenant_id")
public record Note(
    @Id Long id,
    @TenantId @Column(nullable = false, length = 64) String tenantId,
    @Column(nullable = false, length = 200) String title,
    @Column(type = ColumnType.Kind.TEXT) String body,
    @CreatedAt @Column(nullable = false) Instant createdAt) {}
