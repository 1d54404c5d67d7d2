package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSettingsTest {
  @TempDir Path dir;

  @Test
  void defaultsWithoutAnyConfiguration() {
    MigrationSettings s =
        MigrationSettings.from(Env.empty(), Optional.empty(), Optional.of(dir.resolve("nowhere")));
    assertThat(s.scriptLocation()).isEqualTo(dir.resolve("nowhere"));
    assertThat(s.versionTable()).isEqualTo("svc_infra_version");
    assertThat(s.skipDrops()).isFalse();
    assertThat(s.lockTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theFileNamedByAlembicConfigIsReadAndVariablesWin() throws Exception {
    Path file = dir.resolve("analytics.properties");
    Files.writeString(
        file,
        """
        script_location=analytics
        discover_packages=a.b, c.d
        skip_drops=true
        version_table=analytics_version
        lock_timeout=5
        database_url_env=ANALYTICS_URL
        """);
    MigrationSettings s =
        MigrationSettings.from(
            Env.of(
                Map.of(
                    "ALEMBIC_CONFIG",
                    file.toString(),
                    "ALEMBIC_SKIP_DROPS",
                    "false",
                    "ALEMBIC_INCLUDE_SCHEMAS",
                    "audit")),
            Optional.empty(),
            Optional.empty());
    assertThat(s.configFile()).contains(file);
    assertThat(s.scriptLocation()).isEqualTo(dir.resolve("analytics"));
    assertThat(s.discoverPackages()).containsExactly("a.b", "c.d");
    assertThat(s.includeSchemas()).containsExactly("audit");
    assertThat(s.skipDrops()).isFalse();
    assertThat(s.versionTable()).isEqualTo("analytics_version");
    assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.databaseUrlVariable()).contains("ANALYTICS_URL");
  }

  @Test
  void aConfigInsideItsScriptLocationResolvesAgainstTheProjectRoot() throws Exception {
    MigrationSettings written =
        MigrationSettings.of(Path.of("migrations")).withDiscoverPackages(List.of("x.y"));
    Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(dir.resolve("migrations/migrations.properties"), written.toFileText());
    MigrationSettings s =
        MigrationSettings.from(
            Env.empty(),
            Optional.of(dir.resolve("migrations/migrations.properties")),
            Optional.empty());
    assertThat(s.scriptLocation()).isEqualTo(dir.resolve("migrations"));
    assertThat(s.discoverPackages()).containsExactly("x.y");
  }

  @Test
  void badValuesNameTheSetting() {
    assertThatThrownBy(
            () ->
                MigrationSettings.from(
                    Env.of(Map.of("ALEMBIC_SKIP_DROPS", "maybe")),
                    Optional.empty(),
                    Optional.of(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ALEMBIC_SKIP_DROPS='maybe'");
    assertThatThrownBy(
            () ->
                MigrationSettings.from(
                    Env.of(Map.of("ALEMBIC_VERSION_TABLE", "x; drop")),
                    Optional.empty(),
                    Optional.of(dir)))
        .hasMessageContaining("version table");
    assertThatThrownBy(
            () ->
                MigrationSettings.from(
                    Env.of(Map.of("ALEMBIC_CONFIG", "/no/such.properties")),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageContaining("does not exist");
  }
}
