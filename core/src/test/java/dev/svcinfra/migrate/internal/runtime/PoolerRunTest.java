package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.PoolerSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.LockNotHeldException;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migration runs behind a connection pooler (issue 18): a transaction pooler gets the lease-row
 * lock and no session settings, a direct URL takes the run past the pooler, and a session lock
 * found not held fails the run without hiding the run's own error.
 */
class PoolerRunTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static List<String> query(Connection c, String sql) {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private static String advisoryLocksOfThisDatabase(Connection c) {
    return "SELECT l.pid::text FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        + " WHERE l.locktype = 'advisory' AND d.datname = current_database()";
  }

  @Test
  void behindATransactionPoolerTheRunTakesTheLeaseAndNoSessionState() throws SQLException {
    String url = TestServices.newPostgresDatabase();
    DatabaseSettings pooled =
        DatabaseSettings.of(url).withPooler(PoolerSettings.none().withMode(PoolerMode.TRANSACTION));
    try (Database db = Database.open(pooled)) {
      List<String> seen =
          LockedRun.with(
              db,
              "svc_infra_version",
              WAIT,
              true,
              c -> {
                List<String> out = new ArrayList<>();
                out.addAll(query(c, advisoryLocksOfThisDatabase(c)));
                out.addAll(query(c, "SELECT owner FROM svc_infra_version_lock"));
                out.addAll(query(c, "SHOW client_connection_check_interval"));
                return out;
              });
      // No advisory lock, one lease row, and the session setting left alone.
      assertThat(seen).hasSize(2);
      assertThat(seen.get(0)).startsWith(ProcessHandle.current().pid() + "@");
      assertThat(seen.get(1)).isEqualTo("0");
      try (Connection c = db.connection()) {
        assertThat(query(c, "SELECT owner FROM svc_infra_version_lock")).isEmpty();
      }
      assertThat(db.activeConnections()).isZero();
    }
  }

  @Test
  void withoutAPoolerTheRunKeepsItsAdvisoryLock() {
    try (Database db = Database.open(TestServices.newPostgresDatabase())) {
      List<String> locks =
          LockedRun.with(
              db, "svc_infra_version", WAIT, true, c -> query(c, advisoryLocksOfThisDatabase(c)));
      assertThat(locks).hasSize(1);
    }
  }

  @Test
  void aDirectUrlTakesTheRunPastAnUnreachablePooler() throws IOException {
    String direct = TestServices.newPostgresDatabase();
    String deadPooler = "postgresql://postgres@127.0.0.1:" + closedPort() + "/app?sslmode=disable";
    DatabaseSettings settings =
        DatabaseSettings.of(deadPooler + "&pgbouncer=true")
            .withPooler(PoolerSettings.none().withMode(PoolerMode.TRANSACTION).withDirect(direct));
    try (Database service = Database.open(settings)) {
      String database =
          LockedRun.with(
              service,
              "svc_infra_version",
              WAIT,
              true,
              c -> query(c, "SELECT current_database()").get(0));
      assertThat(direct).contains("/" + database + "?");
      assertThat(service.activeConnections()).isZero();
    }
    try (Database job = Migrations.openDatabase(settings)) {
      assertThat(job.settings().primary().url().toString())
          .isEqualTo(settings.pooler().direct().orElseThrow().url().toString());
      assertThat(job.settings().pooler().mode()).isEqualTo(PoolerMode.NONE);
    }
  }

  @Test
  void aDirectUrlToAnotherKindOfDatabaseIsRefused() {
    DatabaseSettings settings =
        DatabaseSettings.of("postgresql://127.0.0.1/app")
            .withPooler(PoolerSettings.none().withDirect("mariadb://root@127.0.0.1/app"));
    assertThatThrownBy(() -> Database.open(settings).close())
        .hasMessageContaining("the direct URL")
        .hasMessageContaining("is mariadb but the primary is postgresql");
  }

  @Test
  void aRunWhoseSessionLostItsLockFails() {
    try (Database db = Database.open(TestServices.newPostgresDatabase())) {
      assertThatThrownBy(
              () ->
                  LockedRun.with(
                      db,
                      "svc_infra_version",
                      WAIT,
                      true,
                      c -> query(c, "SELECT pg_advisory_unlock_all()::text")))
          .isInstanceOf(LockNotHeldException.class)
          .hasMessageContaining("pg_advisory_unlock answered false");
      // The run's own failure comes first; the lost lock travels with it.
      assertThatThrownBy(
              () ->
                  LockedRun.with(
                      db,
                      "svc_infra_version",
                      WAIT,
                      true,
                      c -> {
                        query(c, "SELECT pg_advisory_unlock_all()::text");
                        throw new IllegalStateException("the step failed");
                      }))
          .hasMessage("the step failed")
          .satisfies(
              e ->
                  assertThat(e.getSuppressed())
                      .singleElement()
                      .isInstanceOf(LockNotHeldException.class));
      assertThat(db.activeConnections()).isZero();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
