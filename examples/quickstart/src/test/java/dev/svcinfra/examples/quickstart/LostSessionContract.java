package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.examples.quickstart.Http.Reply;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server ends every session of the service's database (issue 16: after pg_terminate_backend the
 * next requests answered 500 internal_error, 3 of 3). Each request then answers 200 or 503 with
 * {@code Retry-After}, never 500, and the service recovers by itself. Only sessions of the test's
 * own fresh database are ended.
 */
interface LostSessionContract extends QuickstartCase {

  @Test
  default void requestsAfterTheServerEndedEverySessionAre503ThenServed() throws Exception {
    String tag = unique("lost");
    createUser(tag + "@example.com", tag);
    for (int round = 0; round < 2; round++) {
      // Warm every pooled connection, then end them all.
      for (int i = 0; i < 5; i++) {
        assertThat(http().get("/users?q=" + tag).status()).isEqualTo(200);
      }
      assertThat(endEverySession(service().db)).isPositive();
      int unavailable = 0;
      for (int i = 0; i < 3; i++) {
        Reply r = http().get("/users?q=" + tag);
        assertThat(r.status()).as(r.toString()).isIn(200, 503);
        if (r.status() == 503) {
          unavailable++;
          assertProblem(r, 503, "database_unavailable");
          assertThat(r.header("Retry-After")).isNotBlank();
        }
      }
      Reply served = null;
      for (int i = 0; i < 20 && (served == null || served.status() != 200); i++) {
        served = http().get("/users?q=" + tag);
      }
      assertThat(served.status()).as(served.toString()).isEqualTo(200);
      assertThat(served.json().path("total").asLong()).isEqualTo(1);
      assertThat(unavailable).isLessThanOrEqualTo(3);
    }
  }

  /** Ends the sessions connected to the service's database; answers how many there were. */
  private static int endEverySession(Database db) throws Exception {
    ConnectionTarget target =
        db.dialect()
            .connectionTarget(
                db.settings().primary().url(),
                new ConnectionOptions(db.settings().timeouts(), db.settings().tls()));
    boolean postgres = db.dialect().name().equals("postgresql");
    try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.toProperties());
        Statement st = admin.createStatement()) {
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              postgres
                  ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                      + " AND pid <> pg_backend_pid()"
                  : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                      + " AND ID <> CONNECTION_ID()")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      for (long id : ids) {
        st.execute(postgres ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
      }
      return ids.size();
    }
  }
}
