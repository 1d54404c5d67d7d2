package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One transaction per request: commit on success, rollback on an error status or an exception, and
 * a commit that fails becomes an error response instead of the handler's 2xx.
 */
class RequestTransactionTest {
  @TempDir Path dir;

  @Test
  void commitsOnSuccessAndRollsBackOnErrorStatusOrException() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("tx.db").toAbsolutePath());
    db.useTransaction(tx -> tx.execute("CREATE TABLE marks (name VARCHAR(20))"));
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config -> {
              config.routes.post(
                  "/ok",
                  SqlPlugin.transactional(
                      ctx -> {
                        SqlPlugin.session(ctx).execute("INSERT INTO marks VALUES (?)", "ok");
                        ctx.status(201);
                      }));
              config.routes.post(
                  "/refused",
                  SqlPlugin.transactional(
                      ctx -> {
                        SqlPlugin.session(ctx).execute("INSERT INTO marks VALUES (?)", "refused");
                        ctx.status(409).result("no");
                      }));
              config.routes.get(
                  "/overflow",
                  ctx -> {
                    throw new StackOverflowError("deep internals");
                  });
              config.routes.post(
                  "/boom",
                  SqlPlugin.transactional(
                      ctx -> {
                        SqlPlugin.session(ctx).execute("INSERT INTO marks VALUES (?)", "boom");
                        throw new IllegalStateException("secret internals");
                      }));
            })) {
      assertThat(t.send("POST", "/ok", null).statusCode()).isEqualTo(201);
      HttpResponse<String> refused = t.send("POST", "/refused", null);
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.body()).isEqualTo("no");
      HttpResponse<String> boom = t.send("POST", "/boom", null);
      assertThat(boom.statusCode()).isEqualTo(500);
      assertThat(boom.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      String requestId = boom.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(boom.body())
          .contains("\"code\":\"internal_error\"")
          .contains("\"request_id\":\"" + requestId + "\"")
          .doesNotContain("secret internals")
          .doesNotContain("IllegalStateException")
          .doesNotContain("\tat ");
      HttpResponse<String> overflow = t.send("GET", "/overflow", null);
      assertThat(overflow.statusCode()).isEqualTo(500);
      assertThat(overflow.body())
          .contains("\"code\":\"internal_error\"")
          .doesNotContain("deep internals")
          .doesNotContain("StackOverflowError");
      List<String> marks =
          db.inTransaction(tx -> tx.query("SELECT name FROM marks", rs -> rs.getString(1)));
      assertThat(marks).containsExactly("ok");
      assertThat(db.activeConnections()).isZero();
    }
  }

  @Test
  void aFailedCommitIsAnErrorResponseNotTheHandlersSuccess() throws Exception {
    Database db = Database.open(TestServices.newPostgresDatabase());
    // A deferred unique constraint is checked at COMMIT: the handler's statements all succeed.
    db.useTransaction(
        tx ->
            tx.execute(
                "CREATE TABLE tickets (seat INT, CONSTRAINT uq_seat "
                    + "UNIQUE (seat) DEFERRABLE INITIALLY DEFERRED)"));
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config ->
                config.routes.post(
                    "/book",
                    SqlPlugin.transactional(
                        ctx -> {
                          SqlPlugin.session(ctx).execute("INSERT INTO tickets VALUES (1)");
                          SqlPlugin.session(ctx).execute("INSERT INTO tickets VALUES (1)");
                          ctx.status(201).result("booked");
                        })))) {
      HttpResponse<String> r = t.send("POST", "/book", null);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.body()).contains("\"code\":\"conflict\"").doesNotContain("booked");
      long rows =
          db.inTransaction(
              tx -> tx.query("SELECT COUNT(*) FROM tickets", rs -> rs.getLong(1)).get(0));
      assertThat(rows).isZero();
    }
  }

  @Test
  void sessionOutsideATransactionalHandlerIsAClearError() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("none.db").toAbsolutePath());
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config -> config.routes.get("/plain", ctx -> SqlPlugin.session(ctx)))) {
      HttpResponse<String> r = t.send("GET", "/plain", null);
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).doesNotContain("IllegalStateException");
    }
  }
}
