package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.LockTimeoutException;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockedRunTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  /**
   * A session lock lives on the run's own connection: the run borrows one connection, another
   * process cannot take the lock meanwhile, and it is free again afterwards.
   */
  static void sessionLockRunsOnOneConnection(String url) {
    try (Database db = Database.open(url);
        Database other = Database.open(url)) {
      int borrowed =
          LockedRun.with(
              db,
              "svc_infra_version",
              WAIT,
              true,
              c -> {
                assertThatThrownBy(
                        () ->
                            other
                                .dialect()
                                .migrationLock()
                                .acquire(
                                    other.dataSource(),
                                    "svc_infra_version",
                                    Duration.ofMillis(300)))
                    .isInstanceOf(LockTimeoutException.class);
                return db.activeConnections();
              });
      assertThat(borrowed).isEqualTo(1);
      assertThat(db.activeConnections()).isZero();
      other
          .dialect()
          .migrationLock()
          .acquire(other.dataSource(), "svc_infra_version", Duration.ofSeconds(1))
          .close();
    }
  }

  @Test
  void postgresRunTakesItsAdvisoryLockOnItsOwnConnection() {
    sessionLockRunsOnOneConnection(TestServices.newPostgresDatabase());
  }

  @Test
  void mariadbRunTakesItsNamedLockOnItsOwnConnection() {
    sessionLockRunsOnOneConnection(TestServices.newMariadbDatabase());
  }

  @Test
  void aLeaseLockStillTakesItsOwnConnections() throws Exception {
    String url = "sqlite:///" + Files.createTempDirectory("locked-run").resolve("a.db");
    try (Database db = Database.open(url)) {
      String answer =
          LockedRun.with(
              db,
              "svc_infra_version",
              WAIT,
              true,
              c -> {
                assertThatThrownBy(
                        () ->
                            db.dialect()
                                .migrationLock()
                                .acquire(
                                    db.dataSource(), "svc_infra_version", Duration.ofMillis(300)))
                    .isInstanceOf(LockTimeoutException.class);
                return "ran";
              });
      assertThat(answer).isEqualTo("ran");
      db.dialect()
          .migrationLock()
          .acquire(db.dataSource(), "svc_infra_version", Duration.ofSeconds(1))
          .close();
    }
  }

  @Test
  void aConnectionThatCannotGiveItsLockUpIsNeverPooledAgain() throws Exception {
    String url = TestServices.newPostgresDatabase();
    DatabaseSettings one = DatabaseSettings.of(url).withPool(PoolSettings.defaults().withSize(1));
    try (Database db = Database.open(one);
        Database killer = Database.open(url)) {
      assertThatThrownBy(
              () ->
                  LockedRun.with(
                      db,
                      "svc_infra_version",
                      WAIT,
                      true,
                      c -> {
                        try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                          rs.next();
                          int pid = rs.getInt(1);
                          try (Connection k = killer.connection();
                              Statement ks = k.createStatement()) {
                            ks.execute("SELECT pg_terminate_backend(" + pid + ")");
                          }
                        } catch (SQLException e) {
                          throw new IllegalStateException(e);
                        }
                        throw new IllegalStateException("the migration failed");
                      }))
          .hasMessageContaining("the migration failed");
      // The dead session took its lock along; the pool lent a fresh connection, not the dead one.
      Integer answer =
          LockedRun.with(
              db,
              "svc_infra_version",
              WAIT,
              true,
              c -> {
                try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT 1")) {
                  return rs.next() ? rs.getInt(1) : 0;
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(answer).isEqualTo(1);
    }
  }
}
