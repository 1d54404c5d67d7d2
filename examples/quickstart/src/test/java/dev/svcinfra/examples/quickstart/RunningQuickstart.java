package dev.svcinfra.examples.quickstart;

import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.sql.Database;
import io.javalin.Javalin;

/**
 * The quickstart started the way {@code main} starts it (migrations from the classpath, probes,
 * plugin), on port 0 over the given database. Stopping it closes the database.
 */
final class RunningQuickstart implements AutoCloseable {
  final Database db;
  final Javalin app;
  final Http http;

  RunningQuickstart(String url) {
    this.db = Database.open(url);
    QuickstartApp.migrations(db).upgrade();
    HealthRegistry health = new HealthRegistry().add("database", DatabaseCheck.of(db));
    this.app = QuickstartApp.create(db, health).start("127.0.0.1", 0);
    this.http = new Http(app.port());
  }

  @Override
  public void close() {
    app.stop();
  }
}
