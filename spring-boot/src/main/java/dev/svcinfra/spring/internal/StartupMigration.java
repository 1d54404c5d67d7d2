package dev.svcinfra.spring.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationStatus;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.sql.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades the database to head at start-up, under the migration lock so that replicas of the
 * service starting together migrate once, and refuses to start on a database that has drifted from
 * the revisions or is not at their head afterwards.
 */
public final class StartupMigration {
  private static final Logger LOG = LoggerFactory.getLogger(StartupMigration.class);

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

  /** Upgrades to head and checks the result; returns the revisions applied now. */
  public static List<Revision> upgrade(Migrations migrations) {
    String location = migrations.settings().scriptLocation().toString();
    List<Revision> applied = migrations.upgrade();
    MigrationStatus status = migrations.current();
    if (!status.drift().isEmpty()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_DRIFT,
          "the database has drifted from "
              + location
              + ": "
              + status.drift()
              + "; the application does not start on it (see 'svc-infra sql current')");
    }
    if (!status.atHead()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_DRIFT,
          "the database is at "
              + status.current()
              + " but "
              + location
              + " ends at "
              + status.heads()
              + "; the application does not start on it");
    }
    LOG.info(
        "migrations: {} revision(s) applied from {}, database at {}",
        applied.size(),
        location,
        status.current());
    return applied;
  }
}
