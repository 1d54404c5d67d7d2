package dev.svcinfra.bench.springrest;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.annotations.UpdateTimestamp;

/**
 * The {@code users} row as a JPA entity; soft-deleted rows are filtered out by Hibernate. JSON
 * names stay Spring's camelCase: with snake_case names Spring Data REST ignores sort parameters on
 * multi-word properties (spring-data-rest issue 1638), so {@code sort=created_at} would not sort.
 *
 * <pre>{@code
 * User u = new User();
 * u.setEmail("a@example.com");
 * repository.save(u);
 * }</pre>
 *
 * @since 0.1
 */
@Entity
@Table(name = "users")
@SQLRestriction("deleted_at is null")
public class User {
  @Id
  @GeneratedValue(strategy = GenerationType.UUID)
  private UUID id;
  private String email;
  private String name;
  @CreationTimestamp
  private OffsetDateTime createdAt;
  @UpdateTimestamp
  private OffsetDateTime updatedAt;
  private OffsetDateTime deletedAt;

  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(OffsetDateTime createdAt) {
    this.createdAt = createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(OffsetDateTime updatedAt) {
    this.updatedAt = updatedAt;
  }

  public OffsetDateTime getDeletedAt() {
    return deletedAt;
  }

  public void setDeletedAt(OffsetDateTime deletedAt) {
    this.deletedAt = deletedAt;
  }
}
