package dev.svcinfra.javalin;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;

/** A tenant-scoped model with a database-generated id. */
@Table(name = "memos")
public record Memo(
    @Id Long id,
    @TenantId @Column(nullable = false, length = 40) String tenant,
    @Column(nullable = false, length = 100) String text) {}
