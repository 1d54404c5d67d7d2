package dev.svcinfra.spring.internal;

import dev.svcinfra.config.Env;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The migrations an application starts with; {@link Migrations#upgradeBeforeServing()} then
 * upgrades to head under the migration lock (replicas of the service starting together migrate
 * once) and refuses a database that has drifted or is past this build's head.
 */
public final class StartupMigration {
  /** Where revisions are looked for when neither a property nor the environment names a place. */
  public static final String DEFAULT_LOCATION = "classpath:migrations";

  private StartupMigration() {}

  /**
   * The migrations of {@code database} with the settings {@code env} gives; empty when no location
   * is configured and the default one does not exist (an application without migrations).
   */
  public static Optional<Migrations> migrations(Database database, Env env, ClassLoader loader) {
    Optional<String> configured =
        env.get(MigrationSettings.SCRIPT_LOCATION_VARIABLE)
            .or(() -> env.get(MigrationSettings.SCRIPT_LOCATION_ALIAS));
    if (configured.isEmpty() && loader.getResource("migrations") == null) {
      return Optional.empty();
    }
    String location = configured.orElse(DEFAULT_LOCATION);
    MigrationSettings settings =
        MigrationSettings.from(env, Optional.empty(), Optional.of(Path.of(location)));
    return Optional.of(
        Migrations.builder()
            .database(database)
            .settings(settings)
            .modelClassLoader(loader)
            .build());
  }
}
