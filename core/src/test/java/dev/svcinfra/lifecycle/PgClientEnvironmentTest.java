package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgClientEnvironmentTest {
  @Test
  void serverUserPasswordAndTlsGoIntoLibpqVariables() {
    Map<String, String> env =
        PgClientEnvironment.of(
            DatabaseSettings.of(
                "postgresql://app:p%40ss@db1:6432,db2/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem"),
            "scratch_1");
    assertThat(env)
        .containsEntry("PGHOST", "db1,db2")
        .containsEntry("PGPORT", "6432,5432")
        .containsEntry("PGUSER", "app")
        .containsEntry("PGPASSWORD", "p@ss")
        .containsEntry("PGDATABASE", "scratch_1")
        .containsEntry("PGSSLMODE", "verify-full")
        .containsEntry("PGSSLROOTCERT", "/etc/ca.pem");
  }

  @Test
  void sslmodeFollowsTheSameDefaultsAsJdbc() {
    DatabaseSettings settings =
        DatabaseSettings.from(
            new dev.svcinfra.config.internal.ResolvedUrl(
                dev.svcinfra.config.DatabaseUrl.parse("postgres://u@h/db"), "test"),
            Env.of(Map.of("DB_SSLMODE_DEFAULT", "prefer")));
    assertThat(PgClientEnvironment.of(settings, "s"))
        .containsEntry("PGSSLMODE", "prefer")
        .doesNotContainKey("PGPASSWORD");
  }

  @Test
  void unixSocketBecomesTheHostDirectory() {
    Map<String, String> env =
        PgClientEnvironment.of(
            DatabaseSettings.of("postgresql://app@/shop?host=/var/run/postgresql/.s.PGSQL.5433"),
            "s");
    assertThat(env).containsEntry("PGHOST", "/var/run/postgresql").containsEntry("PGPORT", "5433");
  }
}
