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
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's search ({@code "email" ILIKE ? ESCAPE '!' OR "name" ILIKE ? ESCAPE '!'}, bound
 * to {@code %term%}) can use trigram indexes on PostgreSQL: the statements the repository prepares,
 * run again under {@code EXPLAIN} with the very same binds, plan a Bitmap Index Scan on each
 * trigram index once sequential scans are discouraged, and a filter over every row without the
 * indexes.
 */
class TrigramSearchPostgresTest {
  @Table(name = "members")
  @Index(columns = "email", trigram = true)
  @Index(columns = "name", trigram = true)
  public record Member(
      @Id Long id,
      @Column(nullable = false, length = 320) String email,
      @Column(length = 200) String name) {}

  static final SqlRepository<Member> MEMBERS =
      SqlRepository.builder(Member.class).searchFields("email", "name").build();

  static Database db;

  @BeforeAll
  static void load() throws Exception {
    db = Database.open(TestServices.newPostgresDatabase());
    dev.svcinfra.sql.model.internal.Table table = TableMapping.of(Member.class).table();
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      List<String> create = db.dialect().createTableStatements(table);
      st.execute(create.get(0)); // the table alone; the indexes come in the test
      st.execute(
          "INSERT INTO members (email, name) SELECT 'user' || i || '@example.com', "
              + "(ARRAY['Ann','Bob','Carla','Dmitri','Eve','Farah','Gus','Hana','Ivan','Jia'])"
              + "[1 + i % 10] || ' ' || (ARRAY['Smith','Garcia','Muller','Rossi','Kim','Novak',"
              + "'Silva','Okafor','Tanaka','Cohen','Larsen'])[1 + (i / 10) % 11] "
              + "FROM generate_series(1, 20000) AS i");
      st.execute("ANALYZE members");
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** The plans of the statements one search prepares, in order, with sequential scans off. */
  static List<String> plans(String q, int limit) throws Exception {
    List<String> plans = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      CapturingConnection capturing = new CapturingConnection(c);
      Transaction tx = capturing.transaction(db.dialect());
      Page<Member> page = MEMBERS.list(tx, ListRequest.builder().search(q).limit(limit).build());
      assertThat(page.items())
          .isNotEmpty()
          .allMatch(
              m ->
                  (m.email() + " " + m.name())
                      .toLowerCase(Locale.ROOT)
                      .contains(q.toLowerCase(Locale.ROOT)));
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL enable_seqscan = off");
      }
      for (CapturingConnection.Captured s : capturing.statements) {
        assertThat(s.sql()).contains("\"email\" ILIKE ? ESCAPE '!' OR \"name\" ILIKE ? ESCAPE '!'");
        assertThat(s.binds()).extracting(b -> b.args()[1]).contains("%" + q + "%");
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + s.sql())) {
          s.bindInto(ps);
          StringBuilder plan = new StringBuilder();
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
  void theSearchQueryAndItsCountUseTheTrigramIndexes() throws Exception {
    // Without the indexes every row is read and filtered (here through the primary key, which
    // gives the page its order).
    assertThat(plans("user1234@", 50))
        .singleElement()
        .asString()
        .contains("Filter: (((email)::text ~~* '%user1234@%'::text)")
        .doesNotContain("Bitmap");

    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      for (String sql :
          db.dialect().createTableStatements(TableMapping.of(Member.class).table()).subList(1, 3)) {
        assertThat(sql).contains("USING gin");
        st.execute(sql);
      }
      st.execute("ANALYZE members");
    }
    // A selective term: one page, no count.
    assertThat(plans("user1234@", 50))
        .singleElement()
        .asString()
        .contains("Bitmap Index Scan on ix_members_email_trgm")
        .contains("Bitmap Index Scan on ix_members_name_trgm")
        .doesNotContain("Seq Scan");
    // A common term fills the page, so the repository counts too. The count reads every match
    // through the indexes; the page may instead walk the primary key (its order) and stop after
    // ten rows, which the planner finds cheaper when one row in ten matches.
    List<String> pageAndCount = plans("ann", 10);
    assertThat(pageAndCount).hasSize(2);
    assertThat(pageAndCount.get(1))
        .contains("Aggregate")
        .contains("Bitmap Index Scan on ix_members_email_trgm")
        .contains("Bitmap Index Scan on ix_members_name_trgm")
        .doesNotContain("Seq Scan");
  }
}
