package dev.svcinfra.bench.idiomatic;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code users}; Jackson writes its components in snake_case, the quickstart's shape.
 *
 * <pre>{@code
 * Person p = new Person(id, "ann@example.com", "Ann", now, now, null);
 * }</pre>
 *
 * @since 0.1
 */
public record Person(
    UUID id, String email, String name, Instant createdAt, Instant updatedAt, Instant deletedAt) {}
