package dev.svcinfra.reliability;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.examples.quickstart.QuickstartApp;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.sql.Database;
import io.javalin.Javalin;
import java.util.HashMap;
import java.util.Map;

/**
 * The quickstart started inside the test JVM, the way its {@code main} does (settings from
 * variables, migrations, probes, plugin), on a free port of 127.0.0.1, so a test can read the
 * pool's counters while it serves.
 *
 * <pre>{@code
 * try (InProcessQuickstart qs = InProcessQuickstart.start(Map.of("SQL_URL", url))) {
 *   qs.http().get("/users"); qs.db().activeConnections();
 * }
 * }</pre>
 *
 * @since 0.1
 */
final class InProcessQuickstart implements AutoCloseable {
  private final Database db;
  private final Javalin app;

  private InProcessQuickstart(Database db, Javalin app) {
    this.db = db;
    this.app = app;
  }

  /** Opens the database the variables name, migrates it and serves. */
  static InProcessQuickstart start(Map<String, String> variables) {
    return start(variables, true);
  }

  /** As {@link #start(Map)}; {@code migrate=false} when the schema is already there. */
  static InProcessQuickstart start(Map<String, String> variables, boolean migrate) {
    Env env = Env.of(new HashMap<>(variables));
    Database db = Database.open(DatabaseSettings.from(env));
    try {
      if (migrate) {
        QuickstartApp.migrations(db).upgrade();
      }
      HealthRegistry health = new HealthRegistry().add("database", DatabaseCheck.of(db));
      Javalin app = QuickstartApp.create(db, health, env).start("127.0.0.1", 0);
      return new InProcessQuickstart(db, app);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  Database db() {
    return db;
  }

  int port() {
    return app.port();
  }

  Http http() {
    return new Http(app.port());
  }

  /** Stops the server, which closes the database. */
  @Override
  public void close() {
    app.stop();
  }
}
