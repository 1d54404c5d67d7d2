package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationStatus;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.sql.Database;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link SqlPlugin} does before the app serves, when asked (issue 19): connect once, so an
 * unreachable server, a refused login or a TLS mistake stops start-up with its reason instead of
 * turning into 503s later (the pool opens lazily); and upgrade to head under the migration lock,
 * then refuse a database that has drifted from the revisions the app carries.
 */
final class StartupChecks {
  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

  private StartupChecks() {}

  /** Returns how many revisions were applied (0 when nothing was to migrate). */
  static int run(Database db, String scriptLocation, boolean connect) {
    if (!connect && scriptLocation == null) {
      return 0;
    }
    db.checkConnection();
    return scriptLocation == null ? 0 : migrate(db, scriptLocation);
  }

  private static int migrate(Database db, String scriptLocation) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Migrations migrations =
        Migrations.builder()
            .database(db)
            .scriptLocation(scriptLocation)
            .modelClassLoader(loader != null ? loader : StartupChecks.class.getClassLoader())
            .build();
    List<Revision> applied = migrations.upgrade();
    MigrationStatus status = migrations.current();
    if (!status.drift().isEmpty()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_DRIFT,
          "the database has drifted from "
              + scriptLocation
              + ": "
              + status.drift()
              + "; the app does not start on it (see 'svc-infra sql current')");
    }
    if (!status.atHead()) {
      throw new MigrationException(
          ErrorCode.MIGRATION_DRIFT,
          "the database is at "
              + status.current()
              + " but "
              + scriptLocation
              + " ends at "
              + status.heads()
              + ": it holds revisions this build does not know (a newer release ran?);"
              + " the app does not start on it");
    }
    LOG.info(
        "migrations: {} revision(s) applied from {}, database at {}",
        applied.size(),
        scriptLocation,
        status.current());
    return applied.size();
  }
}
