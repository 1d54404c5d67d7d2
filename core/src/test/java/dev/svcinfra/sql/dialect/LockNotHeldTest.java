package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.LockNotHeldException;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An unlock the server answers with "not held" is an error, never silence (issue 18): behind a
 * transaction pooler the unlock reaches another server session, and the run was not alone.
 */
class LockNotHeldTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Releases the lock in the session behind the library's back, as another session would. */
  private static void dropBehindItsBack(Connection c, String unlockSql, Object key)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(unlockSql)) {
      st.setObject(1, key);
      st.execute();
    }
  }

  private static void releaseOfALostSessionLockFails(
      String url, String unlockSql, Object key, String function) throws SQLException {
    try (Database db = Database.open(url)) {
      MigrationLock lock = db.dialect().migrationLock();
      try (Connection c = db.connection()) {
        MigrationLock.SessionRelease release = lock.acquireOn(c, "svc_infra_version", WAIT);
        dropBehindItsBack(c, unlockSql, key);
        assertThatThrownBy(release::release)
            .isInstanceOf(LockNotHeldException.class)
            .satisfies(
                e -> {
                  LockNotHeldException n = (LockNotHeldException) e;
                  assertThat(n.code()).isEqualTo(ErrorCode.MIGRATION_LOCK_NOT_HELD);
                  assertThat(n.lockName()).isEqualTo("svc_infra_version");
                })
            .hasMessageContaining("'svc_infra_version' was not held")
            .hasMessageContaining(function + " answered")
            .hasMessageContaining("DB_POOLER=transaction")
            .hasMessageContaining("DIRECT_URL");
      }
      // A lock held and released in the same session is released without complaint.
      try (Connection c = db.connection()) {
        assertThat(lock.acquireOn(c, "svc_infra_version", WAIT).release()).isTrue();
      }
      // The own-connection form throws from close() and leaves no connection behind.
      MigrationLock.Held held = lock.acquire(db.dataSource(), "other_version", WAIT);
      try (Connection c = db.connection()) {
        // Not this session's lock: the unlock here is refused by the server as well.
        assertThatThrownBy(() -> lock.acquireOn(c, "other_version", Duration.ofMillis(200)))
            .hasMessageContaining("held by another run");
      }
      held.close();
      assertThat(db.activeConnections()).isZero();
    }
  }

  @Test
  void postgresAdvisoryUnlockAnsweringFalseIsAnError() throws SQLException {
    releaseOfALostSessionLockFails(
        TestServices.newPostgresDatabase(),
        "SELECT pg_advisory_unlock(?)",
        SessionLock.key("svc_infra_version"),
        "pg_advisory_unlock");
  }

  @Test
  void mariadbReleaseLockAnsweringNullIsAnError() throws SQLException {
    releaseOfALostSessionLockFails(
        TestServices.newMariadbDatabase(),
        "SELECT RELEASE_LOCK(LEFT(CONCAT('svc_infra.', DATABASE(), '.', ?), 64))",
        "svc_infra_version",
        "RELEASE_LOCK");
  }

  @Test
  void mariadbReleaseLockOfAnotherSessionsLockIsAnError() throws SQLException {
    try (Database db = Database.open(TestServices.newMariadbDatabase())) {
      MigrationLock lock = db.dialect().migrationLock();
      try (Connection mine = db.connection();
          Connection theirs = db.connection()) {
        MigrationLock.SessionRelease release = lock.acquireOn(mine, "v", WAIT);
        dropBehindItsBack(
            mine, "SELECT RELEASE_LOCK(LEFT(CONCAT('svc_infra.', DATABASE(), '.', ?), 64))", "v");
        // Another session takes it: RELEASE_LOCK in the first session now answers 0.
        MigrationLock.SessionRelease other = lock.acquireOn(theirs, "v", WAIT);
        assertThatThrownBy(release::release)
            .isInstanceOf(LockNotHeldException.class)
            .hasMessageContaining("RELEASE_LOCK answered 0");
        assertThat(other.release()).isTrue();
      }
    }
  }

  @Test
  void aLeaseTakenOverByAnotherRunIsAnErrorOnRelease() throws Exception {
    String url = "sqlite:///" + Files.createTempDirectory("lease").resolve("a.db");
    try (Database db = Database.open(url)) {
      MigrationLock lock = db.dialect().migrationLock();
      MigrationLock.Held held = lock.acquire(db.dataSource(), "v", WAIT);
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE v_lock SET owner = 'another run'");
      }
      assertThatThrownBy(held::close)
          .isInstanceOf(LockNotHeldException.class)
          .hasMessageContaining("'v' (a row in v_lock) was not this run's any more");
    }
  }
}
