package dev.svcinfra.javalin;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;
import dev.svcinfra.sql.model.annotation.Version;
import java.time.Instant;

/** A versioned, soft-deleted, tenant-scoped model: ETags come from its version. */
@Table(name = "ledgers")
public record Ledger(
    @Id Long id,
    @TenantId @Column(nullable = false, length = 64) String tenant,
    @Column(nullable = false, length = 80) String name,
    @SoftDelete Instant deletedAt,
    @Version long version) {}
