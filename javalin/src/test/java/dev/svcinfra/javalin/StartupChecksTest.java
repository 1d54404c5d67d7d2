package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.testing.TestServices;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SqlPlugin.Config#migrations} and {@link SqlPlugin.Config#connectOnStart} (issue 19): the
 * app migrates itself from the class path when created, and does not start on a database that is
 * unreachable, refuses the login or has drifted.
 */
class StartupChecksTest {
  private static final String LOCATION = "classpath:startup/migrations";

  @TempDir Path dir;

  private static Javalin create(Consumer<SqlPlugin.Config> config) {
    return Javalin.create(c -> c.registerPlugin(new SqlPlugin(config)));
  }

  @Test
  void migratesOnCreateOnEveryServer() {
    for (String url :
        List.of(
            "sqlite:///" + dir.resolve("app.db").toAbsolutePath(),
            TestServices.newPostgresDatabase(),
            TestServices.newMariadbDatabase())) {
      try (Database db = Database.open(url)) {
        Javalin app =
            create(
                sql -> {
                  sql.database = db;
                  sql.closeOnStop = false;
                  sql.migrations = LOCATION;
                });
        List<Long> rows =
            db.inTransaction(
                (Transaction tx) -> tx.query("SELECT COUNT(*) FROM boxes", rs -> rs.getLong(1)));
        assertThat(rows).as(url).containsExactly(0L);
        // A second replica starting on the migrated database applies nothing and starts.
        create(
            sql -> {
              sql.database = db;
              sql.closeOnStop = false;
              sql.migrations = LOCATION;
            });
        assertThat(app).isNotNull();
      }
    }
  }

  @Test
  void anUnreachableDatabaseStopsStartUpAtOnce() {
    Env env = Env.of(Map.of("DB_CONNECT_TIMEOUT", "1", "DB_POOL_TIMEOUT", "1"));
    DatabaseSettings settings =
        DatabaseSettings.from(
            new ResolvedUrl(
                DatabaseUrl.parse("postgresql://app:hunter2@127.0.0.1:1/app?sslmode=disable"),
                "test"),
            env);
    for (boolean migrate : List.of(false, true)) {
      try (Database db = Database.open(settings)) {
        long start = System.nanoTime();
        assertThatThrownBy(
                () ->
                    create(
                        sql -> {
                          sql.database = db;
                          sql.connectOnStart = true;
                          sql.migrations = migrate ? LOCATION : null;
                        }))
            .isInstanceOfSatisfying(
                SvcInfraException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE))
            .hasMessageContaining("cannot connect")
            .hasMessageNotContaining("hunter2");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
      }
    }
  }

  @Test
  void aRefusedLoginStopsStartUp() {
    String url = TestServices.postgresUrl().replace("postgres@", "no_such_role_x@");
    try (Database db = Database.open(url)) {
      assertThatThrownBy(
              () ->
                  create(
                      sql -> {
                        sql.database = db;
                        sql.connectOnStart = true;
                      }))
          .isInstanceOf(SvcInfraException.class)
          .hasMessageContaining("no_such_role_x");
    }
  }

  @Test
  void aDriftedDatabaseStopsStartUp() {
    try (Database db = Database.open("sqlite:///" + dir.resolve("drift.db").toAbsolutePath())) {
      create(
          sql -> {
            sql.database = db;
            sql.closeOnStop = false;
            sql.migrations = LOCATION;
          });
      // A newer release ran a revision this build does not carry.
      db.useTransaction(
          (Transaction tx) ->
              tx.execute("UPDATE svc_infra_version SET version_num = 'ffffffffffff'"));
      assertThatThrownBy(
              () ->
                  create(
                      sql -> {
                        sql.database = db;
                        sql.closeOnStop = false;
                        sql.migrations = LOCATION;
                      }))
          .isInstanceOf(SvcInfraException.class)
          .hasMessageContaining("ffffffffffff");
    }
  }

  @Test
  void withoutTheOptionsNothingConnectsAtCreate() {
    Env env = Env.of(Map.of("DB_CONNECT_TIMEOUT", "1"));
    DatabaseSettings settings =
        DatabaseSettings.from(
            new ResolvedUrl(DatabaseUrl.parse("postgresql://app@127.0.0.1:1/app"), "test"), env);
    try (Database db = Database.open(settings)) {
      assertThat(create(sql -> sql.database = db)).isNotNull();
    }
  }
}
