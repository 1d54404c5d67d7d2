package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.config.internal.TlsSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void poolDefaults() {
    PoolSettings pool = PoolSettings.from(Env.empty());
    assertThat(pool).isEqualTo(PoolSettings.defaults());
    assertThat(pool.size()).isEqualTo(10);
    assertThat(pool.maxOverflow()).isZero();
    assertThat(pool.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(pool.recycle()).isEqualTo(Duration.ofMinutes(30));
    assertThat(pool.prePing()).isTrue();
  }

  @Test
  void poolFromEnvironment() {
    PoolSettings pool =
        PoolSettings.from(
            Env.of(
                Map.of(
                    "DB_POOL_SIZE",
                    "20",
                    "DB_MAX_OVERFLOW",
                    "5",
                    "DB_POOL_TIMEOUT",
                    "3",
                    "DB_POOL_RECYCLE",
                    "600",
                    "DB_POOL_PRE_PING",
                    "false")));
    assertThat(pool)
        .isEqualTo(new PoolSettings(20, 5, Duration.ofSeconds(3), Duration.ofSeconds(600), false));
    assertThat(pool.maxConnections()).isEqualTo(25);
  }

  @Test
  void badValuesFailNamingVariableAndValue() {
    assertThatThrownBy(() -> PoolSettings.from(Env.of(Map.of("DB_POOL_SIZE", "ten"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_POOL_SIZE='ten'");
    assertThatThrownBy(() -> PoolSettings.from(Env.of(Map.of("DB_POOL_SIZE", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_POOL_SIZE='0'")
        .hasMessageContaining("1..");
    assertThatThrownBy(() -> PoolSettings.from(Env.of(Map.of("DB_POOL_PRE_PING", "maybe"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_POOL_PRE_PING='maybe'");
    assertThatThrownBy(() -> TimeoutSettings.from(Env.of(Map.of("DB_CONNECT_TIMEOUT", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_CONNECT_TIMEOUT");
    assertThatThrownBy(() -> TimeoutSettings.from(Env.of(Map.of("DB_STATEMENT_TIMEOUT_MS", "1s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_STATEMENT_TIMEOUT_MS='1s'");
    assertThatThrownBy(() -> TlsSettings.from(Env.of(Map.of("DB_SSLMODE_DEFAULT", "always"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_SSLMODE_DEFAULT='always'")
        .hasMessageContaining("verify-full");
    assertThatThrownBy(() -> TlsSettings.from(Env.of(Map.of("PGSSLMODE", "nope"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PGSSLMODE");
  }

  @Test
  void timeouts() {
    TimeoutSettings t =
        TimeoutSettings.from(
            Env.of(Map.of("DB_CONNECT_TIMEOUT", "3", "DB_STATEMENT_TIMEOUT_MS", "250")));
    assertThat(t.connect()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.statement()).contains(Duration.ofMillis(250));
    assertThat(TimeoutSettings.from(Env.empty()).connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(TimeoutSettings.from(Env.empty()).statement()).isEmpty();
  }

  @Test
  void tlsDefaultIsRequireAndPgsslmodeBeatsTheDefault() {
    assertThat(TlsSettings.from(Env.empty()).effectiveDefault()).isEqualTo("require");
    assertThat(TlsSettings.from(Env.of(Map.of("DB_SSLMODE_DEFAULT", "disable"))).effectiveDefault())
        .isEqualTo("disable");
    assertThat(
            TlsSettings.from(
                    Env.of(Map.of("DB_SSLMODE_DEFAULT", "disable", "PGSSLMODE", "verify-full")))
                .effectiveDefault())
        .isEqualTo("verify-full");
  }

  @Test
  void databaseSettingsReadReplicaAndForcedDriver() {
    DatabaseSettings s =
        DatabaseSettings.from(
            Env.of(
                Map.of(
                    "SQL_URL",
                    "postgresql://primary/db",
                    "REPLICA_DB_URL",
                    "postgresql://replica/db",
                    "DB_FORCE_DRIVER",
                    "org.example.Driver")));
    assertThat(s.primary().source()).isEqualTo("SQL_URL");
    assertThat(s.replica()).map(r -> r.url().host().orElseThrow().host()).contains("replica");
    assertThat(s.replica()).map(ResolvedUrl::source).contains("REPLICA_DB_URL");
    assertThat(s.forceDriver()).contains("org.example.Driver");
  }

  @Test
  void toStringOfSettingsMasksPasswords() {
    DatabaseSettings s =
        DatabaseSettings.of("postgresql://u:TopSecret9@h/db")
            .withReplica("postgresql://u:TopSecret9@replica/db");
    assertThat(s.toString()).doesNotContain("TopSecret9").contains("***");
  }
}
