package dev.svcinfra.javalin;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;

/**
 * What {@link SqlPlugin} does before the app serves, when asked (issue 19): connect once, so an
 * unreachable server, a refused login or a TLS mistake stops start-up with its reason instead of
 * turning into 503s later (the pool opens lazily); and upgrade to head under the migration lock,
 * then refuse a database that has drifted from the revisions the app carries.
 */
final class StartupChecks {
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
    return migrations.upgradeBeforeServing().size();
  }
}
