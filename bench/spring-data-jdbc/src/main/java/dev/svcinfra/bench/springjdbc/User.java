package dev.svcinfra.bench.springjdbc;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The {@code users} row as a Spring Data JDBC aggregate.
 *
 * <pre>{@code
 * User u = new User(UUID.randomUUID(), "a@example.com", "Ann", now, now, null);
 * template.insert(u);
 * }</pre>
 *
 * @since 0.1
 */
@Table("users")
public record User(@Id UUID id, String email, String name, OffsetDateTime createdAt,
    OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

  User withName(String newName, OffsetDateTime now) {
    return new User(id, email, newName, createdAt, now, deletedAt);
  }
}
