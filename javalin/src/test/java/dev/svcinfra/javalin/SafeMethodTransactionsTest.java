package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET and HEAD run in read-only transactions on the primary; the other methods read-write. On
 * SQLite that is what lets reads run beside a writer, which holds the database's one write lock
 * from its BEGIN (issue 16).
 */
class SafeMethodTransactionsTest {
  @TempDir Path dir;

  @Test
  void getAndHeadAreReadOnlyOnThePrimaryAndCannotWrite() throws Exception {
    Database db = Database.open(TestServices.newPostgresDatabase());
    db.useTransaction(tx -> tx.execute("CREATE TABLE marks (name VARCHAR(20))"));
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config -> {
              config.routes.get(
                  "/mode",
                  SqlPlugin.transactional(
                      ctx -> ctx.result(String.valueOf(SqlPlugin.session(ctx).isReadOnly()))));
              config.routes.post(
                  "/mode",
                  SqlPlugin.transactional(
                      ctx -> ctx.result(String.valueOf(SqlPlugin.session(ctx).isReadOnly()))));
              config.routes.get(
                  "/write",
                  SqlPlugin.transactional(
                      ctx -> {
                        SqlPlugin.session(ctx)
                            .execute("INSERT INTO marks VALUES (?)", "from a GET");
                        ctx.status(201);
                      }));
            })) {
      assertThat(t.send("GET", "/mode", null).body()).isEqualTo("true");
      assertThat(t.send("POST", "/mode", null).body()).isEqualTo("false");
      assertThat(t.send("HEAD", "/mode", null).statusCode()).isEqualTo(200);
      HttpResponse<String> write = t.send("GET", "/write", null);
      assertThat(write.statusCode()).isGreaterThanOrEqualTo(400);
      assertThat(write.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      List<Long> rows =
          db.inTransaction(tx -> tx.query("SELECT COUNT(*) FROM marks", rs -> rs.getLong(1)));
      assertThat(rows).containsExactly(0L);
      assertThat(db.activeConnections()).isZero();
    } finally {
      db.close();
    }
  }

  @Test
  void onSqliteAGetIsServedWhileAWriterHoldsTheLock() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("safe.db").toAbsolutePath());
    db.useTransaction(tx -> tx.execute("CREATE TABLE marks (name VARCHAR(20))"));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (TestApp t =
        new TestApp(
            sql -> sql.database = db,
            config ->
                config.routes.get(
                    "/count",
                    SqlPlugin.transactional(
                        ctx ->
                            ctx.result(
                                String.valueOf(
                                    SqlPlugin.session(ctx)
                                        .query("SELECT COUNT(*) FROM marks", rs -> rs.getLong(1))
                                        .get(0))))))) {
      Future<?> holder =
          writer.submit(
              () -> {
                db.useTransaction(
                    tx -> {
                      tx.execute("INSERT INTO marks VALUES (?)", "uncommitted");
                      writing.countDown();
                      release.await(20, TimeUnit.SECONDS);
                    });
                return null;
              });
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      HttpResponse<String> count = t.send("GET", "/count", null);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(count.statusCode()).isEqualTo(200);
      assertThat(count.body()).isEqualTo("0");
      // The busy timeout is 10 s: a GET that queued for the write lock would take that long.
      assertThat(tookMs).isLessThan(2_000);
      release.countDown();
      holder.get(20, TimeUnit.SECONDS);
      assertThat(t.send("GET", "/count", null).body()).isEqualTo("1");
    } finally {
      release.countDown();
      writer.shutdownNow();
      db.close();
    }
  }
}
