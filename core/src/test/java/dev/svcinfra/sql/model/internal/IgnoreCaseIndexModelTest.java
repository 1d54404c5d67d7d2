package dev.svcinfra.sql.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @Index(ignoreCase = true)}: default names, the model record, text columns only. */
class IgnoreCaseIndexModelTest {
  @Table(name = "members")
  @Index(columns = "email", unique = true, ignoreCase = true)
  @Index(
      columns = {"nick", "email"},
      ignoreCase = true)
  @Index(name = "by_nick", columns = "nick", ignoreCase = true)
  @Index(columns = "email")
  public record Member(
      @Id Long id,
      @Column(length = 320) String email,
      String nick,
      @Index(ignoreCase = true) String city) {}

  @Table(name = "events")
  @Index(columns = "happened_at", ignoreCase = true)
  public record Event(@Id Long id, Instant happenedAt) {}

  @Test
  void ignoreCaseIndexesAreNamedWithALowerSuffixAndCarryTheFlag() {
    assertThat(TableMapping.of(Member.class).table().indexes())
        .containsExactlyInAnyOrder(
            new dev.svcinfra.sql.model.internal.Index(
                "ux_members_email_lower", List.of("email"), true, true),
            new dev.svcinfra.sql.model.internal.Index(
                "ix_members_nick_email_lower", List.of("nick", "email"), false, true),
            new dev.svcinfra.sql.model.internal.Index("by_nick", List.of("nick"), false, true),
            new dev.svcinfra.sql.model.internal.Index(
                "ix_members_email", List.of("email"), false, false),
            new dev.svcinfra.sql.model.internal.Index(
                "ix_members_city_lower", List.of("city"), false, true));
  }

  @Test
  void theThreeArgumentConstructorIsAPlainIndex() {
    dev.svcinfra.sql.model.internal.Index plain =
        new dev.svcinfra.sql.model.internal.Index("ix_t_a", List.of("a"), true);
    assertThat(plain.ignoreCase()).isFalse();
    assertThat(plain.keys()).containsExactly("a");
    assertThat(
            new dev.svcinfra.sql.model.internal.Index("ix_t_a", List.of("a", "b"), false, true)
                .keys())
        .containsExactly("lower(a)", "lower(b)");
  }

  @Test
  void aNonTextColumnIsRefusedNamingTheModelAndTheField() {
    assertThatThrownBy(() -> TableMapping.of(Event.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Event.class.getName())
        .hasMessageContaining("field 'happenedAt'")
        .hasMessageContaining("not text");
  }
}
