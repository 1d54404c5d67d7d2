package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.LockTimeoutException;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigrationLockTest {

  static void heldLockBlocksUntilReleased(String url) {
    try (Database db = Database.open(url)) {
      MigrationLock lock = db.dialect().migrationLock();
      MigrationLock.Held first =
          lock.acquire(db.dataSource(), "svc_infra_version", Duration.ofSeconds(5));
      long started = System.nanoTime();
      assertThatThrownBy(
              () -> lock.acquire(db.dataSource(), "svc_infra_version", Duration.ofMillis(600)))
          .isInstanceOf(LockTimeoutException.class)
          .hasMessageContaining("ALEMBIC_LOCK_TIMEOUT");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      try (MigrationLock.Held other =
          lock.acquire(db.dataSource(), "other_table", Duration.ofSeconds(1))) {
        assertThat(other).isNotNull(); // another version table is another lock
      }
      first.close();
      try (MigrationLock.Held second =
          lock.acquire(db.dataSource(), "svc_infra_version", Duration.ofSeconds(1))) {
        assertThat(second).isNotNull();
      }
    }
  }

  @Test
  void postgresAdvisoryLock() {
    assertThat(Dialects.POSTGRESQL.migrationLock()).isInstanceOf(SessionLock.class);
    heldLockBlocksUntilReleased(TestServices.newPostgresDatabase());
  }

  @Test
  void mariadbGetLock() {
    assertThat(Dialects.MARIADB.migrationLock()).isInstanceOf(SessionLock.class);
    heldLockBlocksUntilReleased(TestServices.newMariadbDatabase());
  }

  @Test
  void sqliteLeaseRow() throws Exception {
    assertThat(Dialects.SQLITE.migrationLock()).isInstanceOf(LeaseLock.class);
    heldLockBlocksUntilReleased("sqlite:///" + Files.createTempDirectory("lock").resolve("a.db"));
  }

  @Test
  void anExpiredLeaseOfADeadProcessIsTakenOver() throws Exception {
    String url = "sqlite:///" + Files.createTempDirectory("lock").resolve("b.db");
    try (Database db = Database.open(url)) {
      MigrationLock lock = db.dialect().migrationLock();
      lock.acquire(db.dataSource(), "v", Duration.ofSeconds(1)).close(); // creates the table
      try (Connection c = db.connection();
          PreparedStatement st = c.prepareStatement("INSERT INTO v_lock VALUES ('v', 'dead', ?)")) {
        st.setLong(1, System.currentTimeMillis() + 400);
        st.executeUpdate();
      }
      assertThatThrownBy(() -> lock.acquire(db.dataSource(), "v", Duration.ofMillis(100)))
          .isInstanceOf(LockTimeoutException.class)
          .hasMessageContaining("expires after");
      try (MigrationLock.Held held = lock.acquire(db.dataSource(), "v", Duration.ofSeconds(5))) {
        assertThat(held).isNotNull();
      }
    }
  }

  @Test
  void sqlServerAndSnowflakeRenderTheirLocks() {
    assertThat(Dialects.MSSQL.migrationLock()).isInstanceOf(SessionLock.class);
    assertThat(Dialects.SNOWFLAKE.migrationLock()).isInstanceOf(LeaseLock.class);
    assertThat(((StandardDialect) Dialects.MSSQL).createLeaseTable("v_lock").get(0))
        .startsWith("IF OBJECT_ID(N'v_lock', N'U') IS NULL CREATE TABLE [v_lock]");
    assertThat(SessionLock.key("a"))
        .isEqualTo(SessionLock.key("a"))
        .isNotEqualTo(SessionLock.key("b"));
  }
}
