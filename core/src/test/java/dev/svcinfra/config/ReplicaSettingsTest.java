package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.internal.ResolvedUrl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DB_REPLICA_MAX_LAG} and multi-host {@code REPLICA_DB_URL} (issue 20). */
class ReplicaSettingsTest {
  private static final String PRIMARY = "postgresql://app:pw@db/app";

  private static DatabaseSettings from(Map<String, String> env) {
    return DatabaseSettings.from(Env.of(env));
  }

  @Test
  void maxLagDefaultsToThirtySecondsAndReadsWholeSeconds() {
    assertThat(from(Map.of("SQL_URL", PRIMARY)).replicaMaxLag()).isEqualTo(Duration.ofSeconds(30));
    assertThat(from(Map.of("SQL_URL", PRIMARY, "DB_REPLICA_MAX_LAG", "5")).replicaMaxLag())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(DatabaseSettings.of(PRIMARY).replicaMaxLag()).isEqualTo(Duration.ofSeconds(30));
    assertThat(
            DatabaseSettings.of(PRIMARY)
                .withReplicaMaxLag(Duration.ofMillis(1500))
                .withPool(PoolSettings.defaults())
                .replicaMaxLag())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aBadMaxLagIsRefusedNamingTheVariable() {
    for (String bad : List.of("abc", "0", "-3", "2.5", "30s", "86401")) {
      assertThatThrownBy(() -> from(Map.of("SQL_URL", PRIMARY, "DB_REPLICA_MAX_LAG", bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTING))
          .hasMessageContaining("DB_REPLICA_MAX_LAG='" + bad + "'")
          .hasMessageContaining("1..86400");
    }
    assertThatThrownBy(() -> DatabaseSettings.of(PRIMARY).withReplicaMaxLag(Duration.ZERO))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void aReplicaUrlWithSeveralHostsIsOneServerPerHost() {
    DatabaseSettings s =
        from(
            Map.of(
                "SQL_URL",
                PRIMARY,
                "REPLICA_DB_URL",
                "postgresql://app:secret@r1:5433,r2,[::1]:5434/app?sslmode=disable"));
    List<ResolvedUrl> servers = s.replicaServers();
    assertThat(servers)
        .extracting(r -> r.url().hosts().toString())
        .containsExactly("[r1:5433]", "[r2]", "[[::1]:5434]");
    assertThat(servers)
        .allSatisfy(
            r -> {
              assertThat(r.source()).isEqualTo("REPLICA_DB_URL");
              assertThat(r.url().password()).contains("secret");
              assertThat(r.url().database()).contains("app");
              assertThat(r.url().param("sslmode")).contains("disable");
            });
    assertThat(from(Map.of("SQL_URL", PRIMARY)).replicaServers()).isEmpty();
    assertThat(DatabaseSettings.of(PRIMARY).withReplica("postgresql://r1/app").replicaServers())
        .hasSize(1);
  }

  /** A URL that asks the driver to choose among its hosts keeps its list. */
  @Test
  void aDriverSelectionModeKeepsTheHostListWhole() {
    DatabaseSettings s =
        DatabaseSettings.of("mariadb://app@db/app")
            .withReplica("jdbc:mariadb:sequential://r1:3306,r2:3306/app");
    assertThat(s.replicaServers()).hasSize(1);
    assertThat(s.replicaServers().get(0).url().hosts()).hasSize(2);
  }
}
