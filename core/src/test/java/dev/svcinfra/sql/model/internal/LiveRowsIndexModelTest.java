package dev.svcinfra.sql.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code @Index(liveRowsOnly = true)} (issue 21): filtered on the model's soft-delete timestamp,
 * named with {@code _live}, refused without such a column or on a trigram index; a plain unique
 * constraint and indexes without the attribute keep covering every row.
 */
class LiveRowsIndexModelTest {
  @Table(name = "users")
  @Index(columns = "email", unique = true, ignoreCase = true, liveRowsOnly = true)
  @Index(
      columns = {"tenant_id", "email"},
      unique = true)
  public record User(
      @Id Long id,
      @Column(nullable = false) String tenantId,
      @Column(nullable = false, unique = true) String email,
      @Index(liveRowsOnly = true) String name,
      @SoftDelete Instant deletedAt) {}

  @Table(name = "flags")
  @Index(columns = "code", unique = true, liveRowsOnly = true)
  public record Flagged(@Id Long id, String code, @SoftDelete boolean deleted) {}

  @Table(name = "plain")
  @Index(columns = "code", unique = true, liveRowsOnly = true)
  public record Plain(@Id Long id, String code) {}

  @Table(name = "search")
  @Index(columns = "code", trigram = true, liveRowsOnly = true)
  public record Search(@Id Long id, String code, @SoftDelete Instant deletedAt) {}

  @Test
  void liveRowsOnlyIndexesFilterOnTheSoftDeleteColumn() {
    dev.svcinfra.sql.model.internal.Table t = TableMapping.of(User.class).table();
    assertThat(t.indexes())
        .containsExactlyInAnyOrder(
            new dev.svcinfra.sql.model.internal.Index(
                    "ux_users_email_lower_live", List.of("email"), true, true)
                .whereNull("deleted_at"),
            new dev.svcinfra.sql.model.internal.Index(
                "ux_users_tenant_id_email", List.of("tenant_id", "email"), true),
            new dev.svcinfra.sql.model.internal.Index("ix_users_name_live", List.of("name"), false)
                .whereNull("deleted_at"));
    // The column's own unique constraint still covers every row.
    assertThat(t.uniqueConstraints())
        .containsExactly(new UniqueConstraint("uq_users_email", List.of("email")));
    assertThat(t.indexes().get(1).whereNull()).isEqualTo(Optional.empty());
  }

  @Test
  void withoutASoftDeleteTimestampItIsRefused() {
    for (Class<?> model : List.of(Flagged.class, Plain.class)) {
      assertThatThrownBy(() -> TableMapping.of(model))
          .as(model.getSimpleName())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("liveRowsOnly = true")
          .hasMessageContaining("@SoftDelete timestamp");
    }
    assertThatThrownBy(() -> TableMapping.of(Search.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trigram = true and liveRowsOnly = true");
  }

  @Test
  void sameRowsComparesTheFilterColumnIgnoringCase() {
    var all = new dev.svcinfra.sql.model.internal.Index("ix", List.of("a"), true);
    assertThat(all.sameRows(all)).isTrue();
    assertThat(all.whereNull("deleted_at").sameRows(all.whereNull("DELETED_AT"))).isTrue();
    assertThat(all.whereNull("deleted_at").sameRows(all)).isFalse();
    assertThat(all.sameRows(all.whereNull("deleted_at"))).isFalse();
    assertThat(all.whereNull("deleted_at").sameRows(all.whereNull("removed_at"))).isFalse();
  }
}
