package dev.svcinfra.sql.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code @Index(trigram = true)}: default names with a {@code _trgm} suffix, the model record, and
 * the model errors (unique, ignore-case, non-text columns) raised when the model is read.
 */
class TrigramIndexModelTest {
  enum Kind {
    PERSON,
    TEAM
  }

  @Table(name = "members")
  @Index(columns = "email", trigram = true)
  @Index(
      columns = {"email", "nick"},
      trigram = true)
  @Index(name = "nick_search", columns = "nick", trigram = true)
  @Index(columns = "email", unique = true, ignoreCase = true)
  public record Member(
      @Id Long id,
      @Column(length = 320) String email,
      String nick,
      @Index(trigram = true) Kind kind) {}

  @Table(name = "orders")
  @Index(columns = "email", trigram = true, unique = true)
  public record UniqueTrigram(@Id Long id, String email) {}

  @Table(name = "orders")
  @Index(columns = "email", trigram = true, ignoreCase = true)
  public record IgnoreCaseTrigram(@Id Long id, String email) {}

  @Table(name = "orders")
  public record NumberTrigram(@Id Long id, @Index(trigram = true) UUID ref) {}

  @Test
  void trigramIndexesAreNamedWithATrgmSuffixAndCarryTheFlag() {
    assertThat(TableMapping.of(Member.class).table().indexes())
        .containsExactlyInAnyOrder(
            new dev.svcinfra.sql.model.internal.Index(
                "ix_members_email_trgm", List.of("email"), false, false, true),
            new dev.svcinfra.sql.model.internal.Index(
                "ix_members_email_nick_trgm", List.of("email", "nick"), false, false, true),
            new dev.svcinfra.sql.model.internal.Index(
                "nick_search", List.of("nick"), false, false, true),
            new dev.svcinfra.sql.model.internal.Index(
                "ux_members_email_lower", List.of("email"), true, true, false),
            // an enum is stored as text
            new dev.svcinfra.sql.model.internal.Index(
                "ix_members_kind_trgm", List.of("kind"), false, false, true));
  }

  @Test
  void aUniqueTrigramIndexIsRefusedNamingTheModelAndWhatToDoInstead() {
    assertThatThrownBy(() -> TableMapping.of(UniqueTrigram.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(UniqueTrigram.class.getName())
        .hasMessageContaining("ux_orders_email_trgm")
        .hasMessageContaining("cannot be unique")
        .hasMessageContaining("unique = true");
  }

  @Test
  void anIgnoreCaseTrigramIndexIsRefusedBecauseTrigramSearchIgnoresCaseAlready() {
    assertThatThrownBy(() -> TableMapping.of(IgnoreCaseTrigram.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(IgnoreCaseTrigram.class.getName())
        .hasMessageContaining("already ignores case");
  }

  @Test
  void aNonTextColumnIsRefusedNamingTheField() {
    assertThatThrownBy(() -> TableMapping.of(NumberTrigram.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NumberTrigram.class.getName())
        .hasMessageContaining("trigram = true")
        .hasMessageContaining("field 'ref'")
        .hasMessageContaining("not text");
  }

  @Test
  void theRecordRefusesTheSameCombinations() {
    assertThatThrownBy(
            () -> new dev.svcinfra.sql.model.internal.Index("ix", List.of("a"), true, false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unique");
    assertThatThrownBy(
            () -> new dev.svcinfra.sql.model.internal.Index("ix", List.of("a"), false, true, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ignores case");
    dev.svcinfra.sql.model.internal.Index trigram =
        new dev.svcinfra.sql.model.internal.Index("ix", List.of("a", "b"), false, false, true);
    assertThat(trigram.keys()).containsExactly("a", "b");
    assertThat(new dev.svcinfra.sql.model.internal.Index("ix", List.of("a"), false, true).trigram())
        .isFalse();
  }
}
