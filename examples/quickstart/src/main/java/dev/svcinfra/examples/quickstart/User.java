package dev.svcinfra.examples.quickstart;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.UpdatedAt;
import java.time.Instant;
import java.util.UUID;

/**
 * A user: the model is the single source of the table, the JSON shapes and the OpenAPI schema.
 * {@code created_at}, {@code updated_at} and {@code deleted_at} are set by the library; a
 * DELETE only stamps {@code deleted_at}, and the row disappears from every read.
 *
 * @since 0.1
 */
@Table(name = "users")
public record User(
    @Id(generation = Generation.UUID) UUID id,
    @Column(nullable = false, unique = true, length = 320) String email,
    @Column(length = 200) String name,
    @CreatedAt @Column(nullable = false) Instant createdAt,
    @UpdatedAt @Column(nullable = false) Instant updatedAt,
    @SoftDelete Instant deletedAt) {}
