package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.testing.TestServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Item 7: random sequences of create, list, get, patch, delete and search on the tenant-scoped
 * {@code /notes} by several tenants. A model of who owns what predicts every answer; no tenant ever
 * reads, changes or deletes another tenant's note, or moves one across tenants.
 */
class TenantIsolationProperties {
  private static final List<String> TENANTS = List.of("acme", "globex", "initech");
  private static final AtomicLong OPERATIONS = new AtomicLong();
  private static final AtomicLong FOREIGN_ATTEMPTS = new AtomicLong();
  private static InProcessQuickstart service;
  private static Connection admin;
  private static Http http;

  /** The model: note id to its tenant and title, for the notes that exist. */
  private static final Map<Long, String[]> NOTES = new HashMap<>();

  private static final List<Long> EVER = new ArrayList<>();

  /** One step: the acting tenant, what it does, which note (an index into all notes ever). */
  record Op(String tenant, String kind, int target, String text) {}

  @BeforeContainer
  static void start() throws Exception {
    String url = TestServices.newPostgresDatabase();
    service = InProcessQuickstart.start(Map.of("SQL_URL", url, "DB_POOL_SIZE", "4"));
    http = service.http();
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    admin =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:"
                + TestServices.postgresPort()
                + "/"
                + name
                + "?user=postgres&sslmode=disable");
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("operations", OPERATIONS.get());
      figures.put(
          "attempts on another tenant's (or a deleted) note",
          FOREIGN_ATTEMPTS.get() + ", all 404 (422 when the body names another tenant)");
      figures.put("notes created", EVER.size());
      ReliabilityReport.record(
          "7-tenant-isolation",
          "7. Tenant isolation",
          figures,
          0,
          "Property-based (jqwik): random sequences of create, list, get, patch (some trying "
              + "to set `tenant_id`), delete and search on `/notes` by "
              + TENANTS.size()
              + " tenants, checked against a model after every step and against the table "
              + "after every sequence. Asserted: lists and searches show only the caller's "
              + "notes, another tenant's note is a 404 for get, patch and delete and stays "
              + "unchanged, and no row's tenant ever changes.");
    } finally {
      if (admin != null) {
        admin.close();
      }
      if (service != null) {
        service.close();
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> sequences() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.of(TENANTS),
                Arbitraries.of(
                    "create", "create", "list", "get", "patch", "patch_tenant", "delete", "search"),
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8))
            .as(Op::new);
    return op.list().ofMinSize(5).ofMaxSize(30);
  }

  // The model lives across tries, so a shrunk rerun would start from another state.
  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  void noTenantReachesAnotherTenantsNotes(@ForAll("sequences") List<Op> ops) throws Exception {
    for (Op op : ops) {
      OPERATIONS.incrementAndGet();
      apply(op);
    }
    verifyTable();
  }

  private static void apply(Op op) {
    String t = op.tenant();
    Long id = EVER.isEmpty() ? null : EVER.get(op.target() % EVER.size());
    boolean own = id != null && NOTES.containsKey(id) && NOTES.get(id)[0].equals(t);
    if (id != null && !own) {
      FOREIGN_ATTEMPTS.incrementAndGet();
    }
    switch (op.kind()) {
      case "create" -> {
        Http.Reply r =
            http.post(
                "/notes", "{\"title\":\"" + op.text() + "\",\"body\":\"b\"}", "X-Tenant-Id", t);
        assertThat(r.status()).as("create %s", r).isEqualTo(201);
        long created = r.json().path("id").asLong();
        assertThat(r.json().path("tenant_id").asText()).isEqualTo(t);
        NOTES.put(created, new String[] {t, op.text()});
        EVER.add(created);
      }
      case "list" -> {
        Http.Reply r = http.get("/notes?limit=1000", "X-Tenant-Id", t);
        assertThat(r.status()).as("list %s", r).isEqualTo(200);
        assertThat(ids(r.json().path("items"), t))
            .as("%s lists exactly its notes", t)
            .isEqualTo(ownedBy(t));
      }
      case "search" -> {
        Http.Reply r =
            http.get(
                "/notes?limit=1000&q="
                    + URLEncoder.encode(op.text().substring(0, 1), StandardCharsets.UTF_8),
                "X-Tenant-Id",
                t);
        if (r.status() == 200) {
          assertThat(ownedBy(t))
              .as("%s searches only its notes", t)
              .containsAll(ids(r.json().path("items"), t));
        } else {
          assertThat(r.isProblem()).as("search refused with a problem: %s", r).isTrue();
        }
      }
      case "get" -> {
        if (id == null) {
          return;
        }
        Http.Reply r = http.get("/notes/" + id, "X-Tenant-Id", t);
        if (own) {
          assertThat(r.status()).as("get own %s", r).isEqualTo(200);
          assertThat(r.json().path("title").asText()).isEqualTo(NOTES.get(id)[1]);
        } else {
          assertThat(r.status())
              .as("%s gets foreign or deleted note %d: %s", t, id, r)
              .isEqualTo(404);
        }
      }
      case "patch", "patch_tenant" -> {
        if (id == null) {
          return;
        }
        String other = TENANTS.get((TENANTS.indexOf(t) + 1) % TENANTS.size());
        String body =
            op.kind().equals("patch")
                ? "{\"title\":\"" + op.text() + "\"}"
                : "{\"title\":\"" + op.text() + "\",\"tenant_id\":\"" + other + "\"}";
        Http.Reply r = http.send("PATCH", "/notes/" + id, body, "X-Tenant-Id", t);
        if (!own) {
          // Naming another tenant is refused before the row is looked up: 422 for any id, so
          // the answer tells nothing about the note either.
          assertThat(r.status())
              .as("%s patches foreign or deleted note %d: %s", t, id, r)
              .isEqualTo(op.kind().equals("patch") ? 404 : 422);
        } else if (r.status() == 200) {
          assertThat(r.json().path("tenant_id").asText()).as("tenant kept: %s", r).isEqualTo(t);
          NOTES.get(id)[1] = op.text();
        } else {
          assertThat(r.status()).as("patch own %s", r).isEqualTo(422);
          assertThat(op.kind()).isEqualTo("patch_tenant");
        }
      }
      case "delete" -> {
        if (id == null) {
          return;
        }
        Http.Reply r = http.send("DELETE", "/notes/" + id, null, "X-Tenant-Id", t);
        if (own) {
          assertThat(r.status()).as("delete own %s", r).isIn(200, 204);
          NOTES.remove(id);
        } else {
          assertThat(r.status())
              .as("%s deletes foreign or deleted note %d: %s", t, id, r)
              .isEqualTo(404);
        }
      }
      default -> throw new IllegalStateException(op.kind());
    }
  }

  private static Set<Long> ids(JsonNode items, String tenant) {
    Set<Long> ids = new HashSet<>();
    for (JsonNode n : items) {
      assertThat(n.path("tenant_id").asText())
          .as("row of %s in its list", tenant)
          .isEqualTo(tenant);
      ids.add(n.path("id").asLong());
    }
    return ids;
  }

  private static Set<Long> ownedBy(String tenant) {
    Set<Long> ids = new HashSet<>();
    NOTES.forEach(
        (id, v) -> {
          if (v[0].equals(tenant)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** The table itself agrees with the model: same rows, same tenant, same title. */
  private static void verifyTable() throws SQLException {
    Map<Long, String[]> rows = new HashMap<>();
    try (Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, tenant_id, title FROM notes")) {
      while (rs.next()) {
        rows.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
      }
    }
    assertThat(rows.keySet()).isEqualTo(NOTES.keySet());
    rows.forEach((id, v) -> assertThat(v).as("note %d", id).containsExactly(NOTES.get(id)));
  }
}
