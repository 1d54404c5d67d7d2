package dev.svcinfra.examples.quickstart;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.UpdatedAt;
import java.time.Instant;
import java.util.UUID;

/**
 * A user: the model is the single source of the table, the JSON shapes and the OpenAPI schema.
 * {@code created_at}, {@code updated_at} and {@code deleted_at} are set by the library; a DELETE
 * only stamps {@code deleted_at}, and the row disappears from every read.
 *
 * <p>{@code email} is unique ignoring case among live rows: the service checks {@code LOWER(email)
 * = LOWER(?)} among live rows before each write, and the unique index over {@code lower(email)} for
 * live rows only ({@code liveRowsOnly}, issue 21) both answers that check without a table scan and
 * makes the rule hold under concurrent creates. A deleted user's email can therefore be registered
 * again, and {@code POST /users/{id}/restore} of the deleted user is then a 409. (Before revision
 * {@code c4e8d2a61f07} a plain unique constraint and an index over every row kept a deleted user's
 * email taken for good.) {@code ix_users_created_at} serves the default order of {@code GET
 * /users}.
 *
 * <p>{@code GET /users?q=ann} searches {@code email} and {@code name} with {@code ILIKE '%ann%'};
 * on PostgreSQL the trigram indexes {@code ix_users_email_trgm} and {@code ix_users_name_trgm}
 * (GIN, {@code pg_trgm}) let that search and its count skip the table scan. SQLite and MariaDB have
 * no such index: there the two are left out and the search scans.
 *
 * @since 0.1
 */
@Table(name = "users")
@Index(columns = "email", unique = true, ignoreCase = true, liveRowsOnly = true)
@Index(columns = "created_at")
@Index(columns = "email", trigram = true)
@Index(columns = "name", trigram = true)
public record User(
    @Id(generation = Generation.UUID) UUID id,
    @Column(nullable = false, length = 320) String email,
    @Column(length = 200) String name,
    @CreatedAt @Column(nullable = false) Instant createdAt,
    @UpdatedAt @Column(nullable = false) Instant updatedAt,
    @SoftDelete Instant deletedAt) {}
