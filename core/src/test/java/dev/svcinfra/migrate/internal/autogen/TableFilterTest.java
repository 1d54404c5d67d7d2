package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table filter's globs: case ignored (Unicode case too), nothing else. */
class TableFilterTest {

  private static TableFilter excluding(String... globs) {
    return TableFilter.of(List.of(), List.of(globs), Set.of("svc_infra_version"), t -> true);
  }

  @Test
  void globsIgnoreCaseAndOnlyCase() {
    TableFilter f = excluding("legacy_*", "café_?og");
    assertThat(f.includes(null, "LEGACY_orders")).isFalse();
    assertThat(f.includes(null, "CAFÉ_LOG")).isFalse();
    assertThat(f.includes(null, "cafe_log")).as("an accent is not case").isTrue();
    assertThat(f.includes(null, "ｌｅｇａｃｙ_orders")).as("full width is not case").isTrue();
    assertThat(f.includes(null, "café_blog")).as("? is one character").isTrue();
    assertThat(f.includes(null, "orders")).isTrue();
  }

  @Test
  void everyOtherCharacterIsItself() {
    TableFilter f = excluding("a.b", "x[1]", "t+");
    assertThat(f.includes(null, "axb")).isTrue();
    assertThat(f.includes(null, "a.b")).isFalse();
    assertThat(f.includes(null, "x1")).isTrue();
    assertThat(f.includes(null, "x[1]")).isFalse();
    assertThat(f.includes(null, "tt")).isTrue();
  }

  @Test
  void includeThenExcludeThenHookAndNeverTheBookkeeping() {
    TableFilter f =
        TableFilter.of(
            List.of("orders*", "audit.*"),
            List.of("orders_old"),
            Set.of("svc_infra_version"),
            t -> !t.endsWith("_tmp"));
    assertThat(f.includes(null, "orders")).isTrue();
    assertThat(f.includes(null, "orders_old")).isFalse();
    assertThat(f.includes(null, "orders_tmp")).isFalse();
    assertThat(f.includes(null, "customers")).isFalse();
    assertThat(f.includes("audit", "events")).as("schema.table matches").isTrue();
    assertThat(f.includes(null, "SVC_INFRA_VERSION")).isFalse();
    assertThat(TableFilter.excluding(Set.of("svc_infra_version")).includes(null, "anything"))
        .isTrue();
  }
}
