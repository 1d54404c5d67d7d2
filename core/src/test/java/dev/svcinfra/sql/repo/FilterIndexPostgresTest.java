package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.CapturingConnection;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.Filter.Operator;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the statements a filtered list prepares compare the bare column, so on a table of
 * 100,000 rows PostgreSQL plans an index scan for an equality, a range and an {@code in} filter on
 * an indexed column, with sequential scans allowed; the case-insensitive prefix is served by the
 * column's trigram index. The plans are of the very statements the repository ran, with their
 * binds.
 */
class FilterIndexPostgresTest {
  @Table(name = "orders")
  @Index(columns = "sku")
  @Index(columns = "placed")
  @Index(columns = "customer", trigram = true)
  public record Order(
      @Id Long id,
      @Column(nullable = false, length = 20) String sku,
      @Column(nullable = false, length = 100) String customer,
      int placed) {}

  static final SqlRepository<Order> ORDERS = SqlRepository.of(Order.class);

  static Database db;

  @BeforeAll
  static void load() throws Exception {
    db = Database.open(TestServices.newPostgresDatabase());
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      for (String sql : db.dialect().createTableStatements(TableMapping.of(Order.class).table())) {
        st.execute(sql);
      }
      st.execute(
          "INSERT INTO orders (sku, customer, placed) SELECT 'SKU-' || i, "
              + "(ARRAY['Ann','Bob','Carla','Dmitri','Eve'])[1 + i % 5] || ' ' || i, i "
              + "FROM generate_series(1, 100000) AS i");
      st.execute("ANALYZE orders");
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** The plan of each statement one filtered list prepares, with the binds it ran with. */
  static List<String> plans(Filter filter, boolean seqScanOff) throws Exception {
    List<String> plans = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      CapturingConnection capturing = new CapturingConnection(c);
      Transaction tx = capturing.transaction(db.dialect());
      Page<Order> page = ORDERS.list(tx, ListRequest.builder().where(filter).limit(20).build());
      assertThat(page.items()).isNotEmpty();
      if (seqScanOff) {
        try (Statement st = c.createStatement()) {
          st.execute("SET LOCAL enable_seqscan = off");
        }
      }
      for (CapturingConnection.Captured s : capturing.statements) {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + s.sql())) {
          s.bindInto(ps);
          StringBuilder plan = new StringBuilder(s.sql()).append('\n');
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
          plans.add(plan.toString());
        }
      }
      c.rollback();
    }
    return plans;
  }

  @Test
  void anEqualityFilterOnAnIndexedColumnIsAnIndexScan() throws Exception {
    assertThat(plans(Filter.of("sku", Operator.EQ, "SKU-4242"), false))
        .singleElement()
        .asString()
        .contains("WHERE \"sku\" = ?")
        .containsPattern("Index Scan using ix_orders_sku|Bitmap Index Scan on ix_orders_sku")
        .doesNotContain("Seq Scan");
  }

  @Test
  void rangeAndInFiltersOnAnIndexedColumnAreIndexScans() throws Exception {
    assertThat(plans(Filter.of("placed", Operator.GTE, 99990), false))
        .singleElement()
        .asString()
        .contains("WHERE \"placed\" >= ?")
        .containsPattern("Index Scan using ix_orders_placed|Bitmap Index Scan on ix_orders_placed")
        .doesNotContain("Seq Scan");
    assertThat(plans(Filter.of("sku", Operator.IN, "SKU-1", "SKU-2", "SKU-3"), false))
        .singleElement()
        .asString()
        .contains("WHERE \"sku\" IN (?, ?, ?)")
        .containsPattern("Index Scan using ix_orders_sku|Bitmap Index Scan on ix_orders_sku")
        .doesNotContain("Seq Scan");
  }

  @Test
  void aCaseInsensitivePrefixIsServedByTheTrigramIndex() throws Exception {
    // Selective enough that the page is short: one statement, no count.
    assertThat(plans(Filter.of("customer", Operator.PREFIX, "carla 4242"), true))
        .singleElement()
        .asString()
        .contains("WHERE \"customer\" ILIKE ? ESCAPE '!'")
        .contains("Bitmap Index Scan on ix_orders_customer_trgm")
        .doesNotContain("Seq Scan");
  }
}
