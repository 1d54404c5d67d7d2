package dev.svcinfra.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.PoolSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code DB_POOLER}, the {@code pgbouncer=true} URL flag and the direct URL; no database. */
class PoolerSettingsTest {
  @TempDir Path dir;

  private static DatabaseSettings settings(Map<String, String> vars) {
    return DatabaseSettings.from(Env.of(vars));
  }

  @Test
  void withoutAnySettingThereIsNoPoolerAndNoDirectUrl() {
    DatabaseSettings s = settings(Map.of("SQL_URL", "postgresql://u:pw@db/app"));
    assertThat(s.pooler()).isEqualTo(PoolerSettings.none());
    assertThat(s.keepsSessions()).isTrue();
    assertThat(s.direct()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "transaction, TRANSACTION",
    "Transaction, TRANSACTION",
    "session, SESSION",
    "NONE, NONE"
  })
  void dbPoolerNamesTheMode(String value, PoolerMode expected) {
    DatabaseSettings s = settings(Map.of("SQL_URL", "postgresql://db/app", "DB_POOLER", value));
    assertThat(s.pooler().mode()).isEqualTo(expected);
    assertThat(s.keepsSessions()).isEqualTo(expected != PoolerMode.TRANSACTION);
  }

  @Test
  void aBadPoolerValueNamesTheVariableTheValueAndWhatIsAccepted() {
    assertThatThrownBy(
            () -> settings(Map.of("SQL_URL", "postgresql://db/app", "DB_POOLER", "statement")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> assertThat(((ConfigException) e).code()).isEqualTo(ErrorCode.INVALID_SETTING))
        .hasMessageContaining("DB_POOLER='statement'")
        .hasMessageContaining("transaction, session or none");
  }

  @Test
  void theUrlFlagMeansTransactionModeAndNeverReachesTheDriver() {
    DatabaseSettings s =
        settings(Map.of("SQL_URL", "postgresql://u:pw@db:6543/app?pgbouncer=true&sslmode=disable"));
    assertThat(s.pooler().mode()).isEqualTo(PoolerMode.TRANSACTION);
    assertThat(s.primary().url().params()).containsOnlyKeys("sslmode");
    assertThat(s.primary().source()).isEqualTo("SQL_URL");
  }

  @Test
  void theFlagOnTheReplicaUrlCountsToo() {
    DatabaseSettings s =
        settings(
            Map.of(
                "SQL_URL", "postgresql://db/app",
                "REPLICA_DB_URL", "postgresql://replica/app?PgBouncer=TRUE"));
    assertThat(s.pooler().mode()).isEqualTo(PoolerMode.TRANSACTION);
    assertThat(s.replica().orElseThrow().url().params()).isEmpty();
  }

  @Test
  void aFalseFlagIsRemovedAndChangesNothing() {
    DatabaseSettings s = DatabaseSettings.of("postgresql://db/app?pgbouncer=false");
    assertThat(s.pooler().mode()).isEqualTo(PoolerMode.NONE);
    assertThat(s.primary().url().params()).isEmpty();
  }

  @Test
  void settingsGivenInCodeHonourTheFlag() {
    DatabaseSettings s = DatabaseSettings.of("postgresql://db/app?pgbouncer=true");
    assertThat(s.pooler().mode()).isEqualTo(PoolerMode.TRANSACTION);
    assertThat(s.withPool(PoolSettings.defaults().withSize(3)).pooler().mode())
        .isEqualTo(PoolerMode.TRANSACTION);
  }

  @Test
  void aFlagValueThatIsNotABooleanIsRefused() {
    assertThatThrownBy(() -> settings(Map.of("SQL_URL", "postgresql://db/app?pgbouncer=maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pgbouncer in the URL from SQL_URL='maybe'")
        .hasMessageContaining("true or false");
  }

  @Test
  void theFlagContradictingAnExplicitSessionPoolerIsRefused() {
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "SQL_URL", "postgresql://db/app?pgbouncer=true", "DB_POOLER", "session")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pgbouncer=true")
        .hasMessageContaining("DB_POOLER=session");
  }

  @Test
  void sqlDirectUrlWinsOverDirectUrl() {
    DatabaseSettings s =
        settings(
            Map.of(
                "SQL_URL", "postgresql://pooler:6543/app?pgbouncer=true",
                "SQL_DIRECT_URL", "postgresql://u:Direct5ecret@primary:5432/app",
                "DIRECT_URL", "postgresql://other:5432/app"));
    ResolvedUrl direct = s.pooler().direct().orElseThrow();
    assertThat(direct.source()).isEqualTo("SQL_DIRECT_URL");
    assertThat(direct.url().host().orElseThrow().host()).isEqualTo("primary");
    assertThat(s.pooler().toString())
        .contains("mode=transaction")
        .contains("***")
        .doesNotContain("Direct5ecret");
  }

  @Test
  void directUrlAndItsFileCompanions() throws Exception {
    Path file = Files.writeString(dir.resolve("direct.url"), "postgresql://from-file:5432/app\n");
    DatabaseSettings viaFile =
        settings(Map.of("SQL_URL", "postgresql://db/app", "DIRECT_URL_FILE", file.toString()));
    assertThat(viaFile.pooler().direct().orElseThrow().source())
        .isEqualTo("DIRECT_URL_FILE (" + file + ")");
    DatabaseSettings sqlFile =
        settings(
            Map.of(
                "SQL_URL", "postgresql://db/app",
                "SQL_DIRECT_URL_FILE", file.toString(),
                "DIRECT_URL", "postgresql://plain/app"));
    assertThat(sqlFile.pooler().direct().orElseThrow().url().host().orElseThrow().host())
        .isEqualTo("from-file");
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "SQL_URL",
                        "postgresql://db/app",
                        "DIRECT_URL_FILE",
                        dir.resolve("missing").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DIRECT_URL_FILE");
  }

  @Test
  void theDirectSettingsUseTheDirectUrlWithoutPoolerOrReplica() {
    DatabaseSettings s =
        settings(
            Map.of(
                "SQL_URL", "postgresql://pooler:6543/app",
                "DB_POOLER", "transaction",
                "REPLICA_DB_URL", "postgresql://replica/app",
                "DIRECT_URL", "postgresql://primary:5432/app",
                "DB_POOL_SIZE", "7"));
    DatabaseSettings direct = s.direct().orElseThrow();
    assertThat(direct.primary().url().host().orElseThrow().host()).isEqualTo("primary");
    assertThat(direct.primary().source()).isEqualTo("DIRECT_URL");
    assertThat(direct.replica()).isEmpty();
    assertThat(direct.pooler()).isEqualTo(PoolerSettings.none());
    assertThat(direct.pool().size()).isEqualTo(7);
  }

  @Test
  void aDirectUrlThroughThePoolerIsRefused() {
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "SQL_URL", "postgresql://pooler/app",
                        "DIRECT_URL", "postgresql://u:Pw5ecret@pooler/app?pgbouncer=true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DIRECT_URL")
        .hasMessageContaining("must reach the database itself")
        .hasMessageNotContaining("Pw5ecret");
  }
}
