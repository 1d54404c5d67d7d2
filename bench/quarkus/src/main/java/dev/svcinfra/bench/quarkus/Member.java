package dev.svcinfra.bench.quarkus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code users} as a Panache active-record entity; public fields, as Panache writes them
 * (Quarkus turns field access into accessor calls at build time).
 *
 * <pre>{@code
 * Member m = Member.findById(id);
 * }</pre>
 *
 * @since 0.1
 */
@Entity
@Table(name = "users")
public class Member extends PanacheEntityBase {
  @Id public UUID id;
  public String email;
  public String name;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;
}
