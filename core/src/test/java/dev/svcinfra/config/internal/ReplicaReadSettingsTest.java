package dev.svcinfra.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DB_READ_FROM_REPLICA}: off unless set, and a bad value names the variable. */
class ReplicaReadSettingsTest {

  @Test
  void offByDefaultAndReadFromTheVariable() {
    assertThat(ReplicaReadSettings.from(Env.of(Map.of())).readFromReplica()).isFalse();
    assertThat(ReplicaReadSettings.defaults().readFromReplica()).isFalse();
    assertThat(ReplicaReadSettings.from(Env.of(Map.of("DB_READ_FROM_REPLICA", "true"))))
        .isEqualTo(new ReplicaReadSettings(true));
    assertThat(ReplicaReadSettings.from(Env.of(Map.of("DB_READ_FROM_REPLICA", "FALSE"))))
        .isEqualTo(new ReplicaReadSettings(false));
  }

  @Test
  void aBadValueIsAnInvalidSettingNamingTheVariable() {
    assertThatThrownBy(
            () -> ReplicaReadSettings.from(Env.of(Map.of("DB_READ_FROM_REPLICA", "replica"))))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTING))
        .hasMessageContaining("DB_READ_FROM_REPLICA='replica'")
        .hasMessageContaining("true or false");
  }
}
