package dev.svcinfra.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DB_SOCKET_TIMEOUT} and its default above the statement timeout (issue 18). */
class TimeoutSettingsTest {

  @Test
  void socketTimeoutDefaultsToThirtySecondsOrTheStatementTimeoutPlusFive() {
    assertThat(TimeoutSettings.defaults().socketTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(TimeoutSettings.from(Env.of(Map.of("DB_STATEMENT_TIMEOUT_MS", "2000"))))
        .extracting(TimeoutSettings::socketTimeout)
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(TimeoutSettings.from(Env.of(Map.of("DB_STATEMENT_TIMEOUT_MS", "60500"))))
        .extracting(TimeoutSettings::socketTimeout)
        .isEqualTo(Duration.ofSeconds(66));
  }

  @Test
  void socketTimeoutFromTheEnvironmentZeroMeaningNone() {
    assertThat(TimeoutSettings.from(Env.of(Map.of("DB_SOCKET_TIMEOUT", "4"))).socketTimeout())
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(TimeoutSettings.from(Env.of(Map.of("DB_SOCKET_TIMEOUT", "0"))).socketTimeout())
        .isZero();
    assertThat(TimeoutSettings.defaults().withSocket(Duration.ofSeconds(7)).socketTimeout())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aSocketTimeoutNotAboveTheStatementTimeoutIsRefused() {
    assertThatThrownBy(
            () ->
                TimeoutSettings.from(
                    Env.of(Map.of("DB_SOCKET_TIMEOUT", "5", "DB_STATEMENT_TIMEOUT_MS", "5000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_SOCKET_TIMEOUT='5'")
        .hasMessageContaining("DB_STATEMENT_TIMEOUT_MS (5000 ms)");
    assertThatThrownBy(() -> TimeoutSettings.from(Env.of(Map.of("DB_SOCKET_TIMEOUT", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_SOCKET_TIMEOUT");
    assertThatThrownBy(() -> TimeoutSettings.from(Env.of(Map.of("DB_SOCKET_TIMEOUT", "soon"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_SOCKET_TIMEOUT='soon'");
    // No statement timeout: any socket timeout, even one second, is accepted.
    assertThat(TimeoutSettings.from(Env.of(Map.of("DB_SOCKET_TIMEOUT", "1"))).socketTimeout())
        .isEqualTo(Duration.ofSeconds(1));
  }
}
