package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A primary pool connected to a server that refuses writes (a standby, or a database whose sessions
 * default to read-only, which stands in for one here): a write is {@code database_unavailable}, not
 * a 500, the connection is replaced, and readiness says why it is not ready; once the server takes
 * writes again the service recovers by itself (issue 18).
 */
class ReadOnlyServerTest {

  @Test
  void postgresDatabaseThatRefusesWrites() throws Exception {
    String url = TestServices.newPostgresDatabase();
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    String admin = "jdbc:postgresql://127.0.0.1:" + TestServices.postgresPort() + "/" + name;
    Env env = Env.of(Map.of("SQL_URL", url, "DB_POOL_SIZE", "1"));
    try (Database db = Database.open(DatabaseSettings.from(env));
        Connection root = DriverManager.getConnection(admin + "?user=postgres");
        Statement st = root.createStatement()) {
      st.execute("CREATE TABLE notes (id int PRIMARY KEY)");
      st.execute("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
      // A connection the pool was opening while the database was altered still defaults to
      // read-write: evict until the pool hands out sessions of the read-only database (bounded).
      for (int i = 0; i < 50 && !sessionsDefaultToReadOnly(db); i++) {
        db.dataSource()
            .unwrap(com.zaxxer.hikari.HikariDataSource.class)
            .getHikariPoolMXBean()
            .softEvictConnections();
        Thread.sleep(100);
      }
      assertThat(sessionsDefaultToReadOnly(db)).as("the pool's sessions are read-only").isTrue();
      DatabaseCheck check = DatabaseCheck.of(db);

      assertThatThrownBy(() -> db.useTransaction(tx -> tx.execute("INSERT INTO notes VALUES (1)")))
          .isInstanceOfSatisfying(
              DatabaseUnavailableException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
                assertThat(e.sqlState()).contains("25006");
                assertThat(e).hasMessageContaining("refuses writes");
              });
      // A write in a transaction that asked to be read-only is still the caller's bug.
      assertThatThrownBy(
              () ->
                  db.useTransaction(
                      TransactionOptions.readOnlyOnPrimary(),
                      tx -> tx.execute("INSERT INTO notes VALUES (1)")))
          .isInstanceOfSatisfying(
              DatabaseException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY_TRANSACTION));
      CheckResult notReady = check.check();
      assertThat(notReady.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(notReady.message())
          .hasValueSatisfying(
              m ->
                  assertThat(m)
                      .contains("refuses writes")
                      .contains("default_transaction_read_only"));
      assertThat(notReady.details()).containsEntry("primary_read_only", true);
      assertThat(db.activeConnections()).isZero();

      st.execute("ALTER DATABASE " + name + " RESET default_transaction_read_only");
      // Each unhealthy check gives its connection up; the pool refills with fresh sessions, which
      // no longer default to read-only (one opened before the RESET may still come first).
      HealthStatus status = HealthStatus.UNHEALTHY;
      for (int i = 0; i < 10 && status != HealthStatus.HEALTHY; i++) {
        status = check.check().status();
        Thread.sleep(status == HealthStatus.HEALTHY ? 0 : 100);
      }
      assertThat(status).isEqualTo(HealthStatus.HEALTHY);
      db.useTransaction(tx -> tx.execute("INSERT INTO notes VALUES (1)"));
      List<Integer> ids =
          db.inTransaction(tx -> tx.query("SELECT id FROM notes", rs -> rs.getInt(1)));
      assertThat(ids).containsExactly(1);
    }
  }

  private static boolean sessionsDefaultToReadOnly(Database db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW default_transaction_read_only")) {
      return rs.next() && "on".equals(rs.getString(1));
    }
  }
}
