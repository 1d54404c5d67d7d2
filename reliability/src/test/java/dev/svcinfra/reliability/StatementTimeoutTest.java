package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.StatementTimeoutException;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Item 3: {@code DB_STATEMENT_TIMEOUT_MS=100} cancels a slow query on the server, on PostgreSQL and
 * MariaDB, and the same pooled connection serves the next transaction without error.
 */
class StatementTimeoutTest {
  private static final int ROUNDS = 10;
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

  /** What differs between the two servers: the slow query, the session id, the activity view. */
  record Server(
      String name,
      String url,
      String adminJdbc,
      String slowQuery,
      String sessionId,
      String runningSlowQueries) {}

  @Test
  void postgresqlCancelsServerSideAndReusesTheConnection() throws Exception {
    String url = TestServices.newPostgresDatabase();
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    check(
        new Server(
            "PostgreSQL",
            url,
            "jdbc:postgresql://127.0.0.1:"
                + TestServices.postgresPort()
                + "/"
                + name
                + "?user=postgres&sslmode=disable",
            "SELECT pg_sleep(5)",
            "SELECT pg_backend_pid()",
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                + name
                + "' AND state = 'active' AND query LIKE 'SELECT pg_sleep(5)%'"));
  }

  @Test
  void mariadbCancelsServerSideAndReusesTheConnection() throws Exception {
    String url = TestServices.newMariadbDatabase();
    String name = url.substring(url.lastIndexOf('/') + 1);
    check(
        new Server(
            "MariaDB",
            url,
            "jdbc:mariadb://127.0.0.1:" + TestServices.MARIADB_PORT + "/" + name + "?user=root",
            "SELECT SLEEP(5) FROM DUAL",
            "SELECT CONNECTION_ID()",
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '"
                + name
                + "' AND INFO LIKE 'SELECT SLEEP(5)%'"));
  }

  private void check(Server s) throws Exception {
    Env env =
        Env.of(Map.of("SQL_URL", s.url(), "DB_STATEMENT_TIMEOUT_MS", "100", "DB_POOL_SIZE", "1"));
    long slowest = 0;
    try (Database db = Database.open(DatabaseSettings.from(env));
        Connection admin = DriverManager.getConnection(s.adminJdbc())) {
      long session = db.inTransaction(tx -> tx.query(s.sessionId(), rs -> rs.getLong(1)).get(0));
      for (int i = 0; i < ROUNDS; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(
                () -> db.inTransaction(tx -> tx.query(s.slowQuery(), rs -> rs.getObject(1))))
            .as("%s: the 5 s query under a 100 ms timeout", s.name())
            .isInstanceOf(StatementTimeoutException.class);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        slowest = Math.max(slowest, millis);
        assertThat(millis).as("%s: cancelled near 100 ms", s.name()).isLessThan(1_500);
        assertThat(count(admin, s.runningSlowQueries()))
            .as("%s: the server no longer runs the cancelled query", s.name())
            .isZero();
        long again = db.inTransaction(tx -> tx.query(s.sessionId(), rs -> rs.getLong(1)).get(0));
        assertThat(again)
            .as("%s: the same server session serves the next transaction", s.name())
            .isEqualTo(session);
      }
      assertThat(db.activeConnections()).isZero();
    }
    synchronized (FIGURES) {
      FIGURES.put(
          s.name() + " timeouts injected",
          ROUNDS
              + " (5 s query, 100 ms limit), slowest "
              + "cancellation "
              + slowest
              + " ms, same session reused after each");
      ReliabilityReport.record(
          "3-statement-timeout",
          "3. Statement timeout",
          FIGURES,
          0,
          "`DB_STATEMENT_TIMEOUT_MS=100` with a pool of one connection: a 5 s query fails with "
              + "`statement_timeout` within 1.5 s, the server's activity view no longer shows it "
              + "(cancelled server-side), and the next transaction runs on the same server "
              + "session (same backend pid / connection id) without error.");
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
