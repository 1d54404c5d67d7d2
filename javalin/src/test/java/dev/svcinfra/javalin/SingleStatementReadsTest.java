package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.service.SqlService;
import dev.svcinfra.testing.PostgresWireTap;
import dev.svcinfra.testing.TestServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A generated request that sends one statement (a read by key, a page without a total, a create
 * without hooks) sends it alone, in auto-commit: one round trip at the wire, no BEGIN and no COMMIT
 * (issue 23). Everything else keeps its transaction: a service that overrides an operation, a
 * hand-written route, a list that may count, a statement timeout that PostgreSQL sets inside the
 * transaction.
 */
class SingleStatementReadsTest {
  /** A service whose get also reads a second statement: its reads keep their transaction. */
  static final class CheckedGadgets extends SqlService<Gadget> {
    CheckedGadgets(SqlRepository<Gadget> repo) {
      super(repo);
    }

    @Override
    public Optional<Gadget> get(Transaction tx, Scope scope, Object id) {
      tx.query("SELECT 1", rs -> rs.getInt(1));
      return super.get(tx, scope, id);
    }
  }

  @Test
  void aGeneratedReadOfOneStatementIsOneRoundTripWithoutBeginOrCommit() throws Exception {
    try (PostgresWireTap tap = PostgresWireTap.start(TestServices.postgresPort())) {
      Database db = Database.open(oneConnection(tap));
      TestApp.createTables(db, Gadget.class, Memo.class);
      try (TestApp t =
          new TestApp(
              sql -> {
                sql.database = db;
                sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
                sql.resource(
                    SqlResource.of(Gadget.class)
                        .prefix("/checked")
                        .service(CheckedGadgets::new)
                        .build());
                sql.resource(SqlResource.of(Memo.class).prefix("/memos").build());
              },
              config ->
                  config.routes.get(
                      "/one",
                      SqlPlugin.transactional(
                          ctx ->
                              ctx.result(
                                  String.valueOf(
                                      SqlPlugin.session(ctx)
                                          .query("SELECT 1", rs -> rs.getInt(1))
                                          .get(0))))))) {
        String id =
            JsonCodec.tree(
                    t.send("POST", "/gadgets", "{\"code\":\"g1\",\"count\":3}").body().getBytes())
                .path("id")
                .asText();
        String memo =
            JsonCodec.tree(
                    t.send("POST", "/memos", "{\"text\":\"hi\"}", "X-Tenant-Id", "acme")
                        .body()
                        .getBytes())
                .path("id")
                .asText();

        HttpResponse<String> got = roundTrip(tap, t, "/gadgets/" + id);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(JsonCodec.tree(got.body().getBytes()).path("code").asText()).isEqualTo("g1");
        assertOneSelect(tap);

        // A missing row: still one statement, and a 404.
        assertThat(roundTrip(tap, t, "/gadgets/" + java.util.UUID.randomUUID()).statusCode())
            .isEqualTo(404);
        assertOneSelect(tap);

        // Tenant scoping is a condition of the same statement.
        tap.clear();
        HttpResponse<String> scoped = t.send("GET", "/memos/" + memo, null, "X-Tenant-Id", "acme");
        assertThat(scoped.statusCode()).isEqualTo(200);
        assertOneSelect(tap);
        tap.clear();
        assertThat(t.send("GET", "/memos/" + memo, null, "X-Tenant-Id", "other").statusCode())
            .isEqualTo(404);
        assertOneSelect(tap);

        // A page without a total is one statement too; with an exact total it keeps BEGIN/COMMIT
        // (the count may be a second statement).
        assertThat(roundTrip(tap, t, "/gadgets?count=none").statusCode()).isEqualTo(200);
        assertOneSelect(tap);
        assertThat(roundTrip(tap, t, "/gadgets?count=exact").statusCode()).isEqualTo(200);
        assertInTransaction(tap);

        // A service that overrides the read, and a hand-written route, keep their transaction.
        HttpResponse<String> checked = roundTrip(tap, t, "/checked/" + id);
        assertThat(checked.statusCode()).isEqualTo(200);
        assertInTransaction(tap);
        assertThat(tap.statements()).filteredOn(s -> s.equals("SELECT 1")).hasSize(1);
        assertThat(roundTrip(tap, t, "/one").body()).isEqualTo("1");
        assertInTransaction(tap);

        // A create by the library's service is its INSERT alone; a duplicate is still a 409.
        tap.clear();
        assertThat(t.send("POST", "/gadgets", "{\"code\":\"g3\"}").statusCode()).isEqualTo(201);
        assertThat(tap.roundTrips()).hasSize(1);
        assertThat(tap.statements()).hasSize(1);
        assertThat(tap.statements().get(0)).startsWith("INSERT");
        assertThat(t.send("POST", "/gadgets", "{\"code\":\"g3\"}").statusCode()).isEqualTo(409);
        // A write by an overriding service keeps its transaction.
        tap.clear();
        assertThat(t.send("POST", "/checked", "{\"code\":\"g4\"}").statusCode()).isEqualTo(201);
        assertInTransaction(tap);

        assertThat(db.activeConnections()).isZero();
      } finally {
        db.close();
      }
    }
  }

  /**
   * PostgreSQL's statement timeout is set inside the transaction it limits ({@code set_config(..,
   * true)}), pooler-safe: a read under a timeout keeps its transaction and its limit.
   */
  @Test
  void aReadUnderAStatementTimeoutKeepsItsTransactionAndTheLimit() throws Exception {
    try (PostgresWireTap tap = PostgresWireTap.start(TestServices.postgresPort())) {
      Database db =
          Database.open(
              oneConnection(tap)
                  .withTimeouts(
                      new TimeoutSettings(
                          Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(2)))));
      TestApp.createTables(db, Gadget.class);
      try (TestApp t =
          new TestApp(
              sql -> {
                sql.database = db;
                sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
              },
              config -> {})) {
        String id =
            JsonCodec.tree(t.send("POST", "/gadgets", "{\"code\":\"g2\"}").body().getBytes())
                .path("id")
                .asText();
        assertThat(roundTrip(tap, t, "/gadgets/" + id).statusCode()).isEqualTo(200);
        assertInTransaction(tap);
        assertThat(tap.statements())
            .anySatisfy(s -> assertThat(s).contains("set_config('statement_timeout', '2000'"));
      } finally {
        db.close();
      }
    }
  }

  /**
   * Settings through the tap with one pooled connection, opened when the pool starts: no connection
   * set-up of a pool filling itself in the background shows among a request's trips.
   */
  private static DatabaseSettings oneConnection(PostgresWireTap tap) {
    return DatabaseSettings.of(tap.url(TestServices.newPostgresDatabase()))
        .withPool(PoolSettings.defaults().withSize(1));
  }

  /**
   * The request's answer, with the tap holding only what it sent. The request runs a few times
   * first, so that what is measured is the steady state: pgjdbc prepares a statement it has run
   * five times with a round trip of its own, once per connection.
   */
  private static HttpResponse<String> roundTrip(PostgresWireTap tap, TestApp t, String path)
      throws Exception {
    for (int i = 0; i < 6; i++) {
      t.send("GET", path, null);
    }
    tap.clear();
    return t.send("GET", path, null);
  }

  private static void assertOneSelect(PostgresWireTap tap) {
    List<List<String>> trips = tap.roundTrips();
    assertThat(trips).as("round trips of the request").hasSize(1);
    assertThat(trips.get(0)).hasSize(1);
    assertThat(trips.get(0).get(0)).startsWith("SELECT");
  }

  private static void assertInTransaction(PostgresWireTap tap) {
    List<String> sent = tap.statements();
    assertThat(sent).as("statements of the request").isNotEmpty();
    assertThat(sent.get(0)).as(sent.toString()).startsWith("BEGIN");
    assertThat(sent.get(sent.size() - 1)).as(sent.toString()).isEqualTo("COMMIT");
  }
}
