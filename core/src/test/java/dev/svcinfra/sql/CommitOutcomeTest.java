package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session of a transaction is ended on the server just before its COMMIT: the commit's answer
 * never comes, so the library reports {@code commit_outcome_unknown} (not "unavailable", which
 * would invite a blind retry) and replaces the connection (issue 18).
 */
class CommitOutcomeTest {

  @Test
  void postgres() throws Exception {
    String url = TestServices.newPostgresDatabase();
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    String admin =
        "jdbc:postgresql://127.0.0.1:"
            + TestServices.postgresPort()
            + "/"
            + name
            + "?user=postgres";
    check(url, admin, "SELECT pg_backend_pid()", "SELECT pg_terminate_backend(%d)");
  }

  @Test
  void mariadb() throws Exception {
    String url = TestServices.newMariadbDatabase();
    String name = url.substring(url.lastIndexOf('/') + 1);
    String admin =
        "jdbc:mariadb://127.0.0.1:" + TestServices.MARIADB_PORT + "/" + name + "?user=root";
    check(url, admin, "SELECT CONNECTION_ID()", "KILL %d");
  }

  private static void check(String url, String admin, String whoAmI, String kill) throws Exception {
    Env env = Env.of(Map.of("SQL_URL", url, "DB_POOL_SIZE", "1"));
    try (Database db = Database.open(DatabaseSettings.from(env));
        Connection root = DriverManager.getConnection(admin);
        Statement st = root.createStatement()) {
      st.execute("CREATE TABLE notes (id int PRIMARY KEY)");
      assertThatThrownBy(
              () ->
                  db.useTransaction(
                      tx -> {
                        tx.execute("INSERT INTO notes VALUES (1)");
                        long session = tx.query(whoAmI, rs -> rs.getLong(1)).get(0);
                        st.execute(String.format(kill, session));
                        Thread.sleep(200);
                      }))
          .isInstanceOfSatisfying(
              CommitOutcomeUnknownException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
                assertThat(e).hasMessageContaining("during COMMIT");
              });
      assertThat(db.activeConnections()).isZero();
      // The pool replaced the connection; the next transaction works.
      db.useTransaction(tx -> tx.execute("INSERT INTO notes VALUES (2)"));
      List<Integer> ids =
          db.inTransaction(tx -> tx.query("SELECT id FROM notes", rs -> rs.getInt(1)));
      // The killed session's transaction was rolled back by the server: only the second row.
      assertThat(ids).containsExactly(2);
    }
  }
}
