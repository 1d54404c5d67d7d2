package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.testing.TestServices;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request whose database session the server ends (issue 16: PostgreSQL answered 500
 * internal_error after pg_terminate_backend) answers 503 with {@code Retry-After}, and the next
 * request is served on a fresh connection. The route ends only its own session.
 */
class LostSessionResponsesTest {

  // This module's tests carry the PostgreSQL driver only; MariaDB's lost sessions are covered
  // in core (LostSessionTest) down to the exception the problem mapper turns into this 503.
  @ParameterizedTest
  @ValueSource(strings = {"postgresql"})
  void aKilledSessionIs503WithRetryAfterAndTheNextRequestSucceeds(String server) throws Exception {
    String url =
        server.equals("postgresql") ? TestServices.postgresUrl() : TestServices.mariadbUrl();
    DatabaseSettings settings = DatabaseSettings.of(url);
    Database db = Database.open(settings.withPool(settings.pool().withSize(1)));
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config -> {
              config.routes.get(
                  "/kill-own-session",
                  SqlPlugin.transactional(ctx -> killOwnSession(SqlPlugin.session(ctx), server)));
              config.routes.get(
                  "/ping",
                  SqlPlugin.transactional(
                      ctx ->
                          ctx.result(
                              String.valueOf(
                                  SqlPlugin.session(ctx).query("SELECT 1", rs -> rs.getInt(1))))));
            })) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> killed = t.send("GET", "/kill-own-session", null);
        assertThat(killed.statusCode()).as(killed.body()).isEqualTo(503);
        assertThat(killed.headers().firstValue("Retry-After")).contains("5");
        assertThat(killed.body())
            .contains("\"code\":\"database_unavailable\"")
            .doesNotContain("Exception")
            .doesNotContain("127.0.0.1");
        HttpResponse<String> ping = t.send("GET", "/ping", null);
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
      }
    } finally {
      db.close();
    }
  }

  /** Ends this transaction's own server session; the statement fails as the session dies. */
  private static void killOwnSession(Transaction tx, String server) {
    if (server.equals("postgresql")) {
      tx.query("SELECT pg_terminate_backend(pg_backend_pid())", rs -> rs.getBoolean(1));
    } else {
      long id = tx.query("SELECT CONNECTION_ID()", rs -> rs.getLong(1)).get(0);
      tx.execute("KILL " + id);
    }
    tx.query("SELECT 1", rs -> rs.getInt(1));
  }
}
