package dev.svcinfra.sql.testmodels;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import java.time.Instant;

/** A soft-deleted model whose email is unique ignoring case among live rows only. */
@Table(name = "live_handles")
@Index(columns = "email", unique = true, ignoreCase = true, liveRowsOnly = true)
public record LiveHandle(
    @Id Long id,
    @Column(nullable = false, length = 200) String email,
    @SoftDelete Instant deletedAt) {}
