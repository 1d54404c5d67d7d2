package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.StatementEvent;
import dev.svcinfra.sql.StatementListener;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.service.TenantSqlService;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * List totals in each {@link CountMode} (issue 23), on every database: exact counts honour filters,
 * the tenant and soft-delete; planned totals come from the planner without a {@code COUNT(*)}
 * (bounded counts where the database has no estimate); none runs no count statement at all.
 */
class ListCountTest extends DatabaseSuite {
  @Table(name = "tallies")
  public record Tally(
      @Id Long id, @Column(length = 8) String tenantId, int kind, @SoftDelete Instant deletedAt) {}

  static final SqlRepository<Tally> TALLIES =
      SqlRepository.builder(Tally.class).orderFields("kind").build();

  /**
   * 300 rows: tenant by id % 2, kind by id % 3, every fifth deleted: independent, so planners
   * agree.
   */
  static final int ROWS = 300;

  Database setUp(TestDatabase kind, int rows) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Tally.class).table());
    db.useTransaction(
        tx -> {
          for (int from = 1; from <= rows; from += 500) {
            StringBuilder sql =
                new StringBuilder("INSERT INTO tallies (id, tenant_id, kind) VALUES ");
            for (int i = from; i < Math.min(from + 500, rows + 1); i++) {
              sql.append(i == from ? "" : ", ")
                  .append("(")
                  .append(i)
                  .append(", '")
                  .append(i % 2 == 0 ? "a" : "b")
                  .append("', ")
                  .append(i % 3)
                  .append(")");
            }
            tx.execute(sql.toString());
          }
          tx.execute("UPDATE tallies SET deleted_at = CURRENT_TIMESTAMP WHERE id % 5 = 0");
        });
    return db;
  }

  /** Live rows of tenant a with kind 1, counted in Java. */
  static long expected(int rows) {
    long n = 0;
    for (int i = 1; i <= rows; i++) {
      if (i % 2 == 0 && i % 3 == 1 && i % 5 != 0) {
        n++;
      }
    }
    return n;
  }

  static ListRequest kindOne(CountMode mode) {
    return ListRequest.builder().where("kind", 1).limit(5).count(mode).build();
  }

  /** The SQL of every statement {@code work} runs, lower case. */
  static List<String> statements(Database db, Runnable work) {
    List<String> seen = new CopyOnWriteArrayList<>();
    StatementListener l = (StatementEvent e) -> seen.add(e.sql().toLowerCase(Locale.ROOT));
    db.addStatementListener(l);
    try {
      work.run();
    } finally {
      db.removeStatementListener(l);
    }
    return seen;
  }

  static boolean hasEstimate(TestDatabase kind) {
    return kind != TestDatabase.SQLITE;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void exactCountsFiltersTenantAndSoftDelete(TestDatabase kind) {
    Database db = setUp(kind, ROWS);
    TenantSqlService<Tally> tenantA = new TenantSqlService<>(TALLIES, "a", "tenant_id");
    Page<Tally> page = db.inTransaction(tx -> tenantA.list(tx, kindOne(CountMode.EXACT)));
    assertThat(page.items()).hasSize(5);
    assertThat(page.totalKind()).isEqualTo(CountMode.EXACT);
    assertThat(page.total()).isEqualTo(expected(ROWS)).isEqualTo(40);
    // Unset, an offset request still counts exactly.
    Page<Tally> plain =
        db.inTransaction(
            tx -> tenantA.list(tx, ListRequest.builder().where("kind", 1).limit(5).build()));
    assertThat(plain.totalKind()).isEqualTo(CountMode.EXACT);
    assertThat(plain.total()).isEqualTo(40);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void plannedRunsNoCountStar(TestDatabase kind) {
    Database db = setUp(kind, ROWS);
    TenantSqlService<Tally> tenantA = new TenantSqlService<>(TALLIES, "a", "tenant_id");
    Page<Tally>[] page = new Page[1];
    List<String> sql =
        statements(
            db,
            () -> page[0] = db.inTransaction(tx -> tenantA.list(tx, kindOne(CountMode.PLANNED))));
    assertThat(page[0].items()).hasSize(5);
    if (hasEstimate(kind)) {
      assertThat(sql).noneMatch(s -> s.contains("count(")).anyMatch(s -> s.startsWith("explain"));
      assertThat(page[0].totalKind()).isEqualTo(CountMode.PLANNED);
      // Never below the rows the page proves are there.
      assertThat(page[0].total()).isGreaterThanOrEqualTo(5);
    } else {
      // No planner estimate: a count bounded to BOUNDED_COUNT_LIMIT + 1 rows, exact below it.
      assertThat(sql)
          .noneMatch(s -> s.startsWith("select count(*) from \"tallies\""))
          .anyMatch(s -> s.contains("limit " + (CountMode.BOUNDED_COUNT_LIMIT + 1)));
      assertThat(page[0].totalKind()).isEqualTo(CountMode.EXACT);
      assertThat(page[0].total()).isEqualTo(40);
    }
  }

  /**
   * After ANALYZE, PostgreSQL's estimate of the filtered rows is asserted within 10 %: ANALYZE
   * reads every row of a table this small (it samples 300 x default_statistics_target rows), so its
   * most-common-value lists are exact, and the columns are independent by construction; what is
   * left is rounding of selectivities. The estimate is of the list's own WHERE clause (tenant,
   * kind, live rows), not of the whole table, which holds 300 rows against 40 matching.
   */
  @Test
  void plannedIsCloseToTheTruthAfterAnalyzeOnPostgres() {
    Database db = setUp(TestDatabase.POSTGRESQL, 3000);
    db.useTransaction(tx -> tx.execute("ANALYZE tallies"));
    TenantSqlService<Tally> tenantA = new TenantSqlService<>(TALLIES, "a", "tenant_id");
    Page<Tally> page = db.inTransaction(tx -> tenantA.list(tx, kindOne(CountMode.PLANNED)));
    long truth = expected(3000);
    assertThat(page.totalKind()).isEqualTo(CountMode.PLANNED);
    assertThat((double) page.total()).isBetween(truth * 0.9, truth * 1.1);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void noneRunsNoCountStatement(TestDatabase kind) {
    Database db = setUp(kind, ROWS);
    Page<Tally>[] page = new Page[1];
    List<String> sql =
        statements(
            db, () -> page[0] = db.inTransaction(tx -> TALLIES.list(tx, kindOne(CountMode.NONE))));
    assertThat(sql).hasSize(1).allMatch(s -> !s.contains("count(") && !s.startsWith("explain"));
    assertThat(page[0].totalKind()).isEqualTo(CountMode.NONE);
    assertThat(page[0].total()).isEqualTo(-1);
    assertThat(page[0].items()).hasSize(5);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aPageThatShowsItsTotalNeedsNoCount(TestDatabase kind) {
    Database db = setUp(kind, ROWS);
    ListRequest all =
        ListRequest.builder()
            .where("kind", 1)
            .where("tenant_id", "a")
            .limit(100)
            .count(CountMode.PLANNED)
            .build();
    Page<Tally>[] page = new Page[1];
    List<String> sql =
        statements(db, () -> page[0] = db.inTransaction(tx -> TALLIES.list(tx, all)));
    assertThat(sql).hasSize(1);
    assertThat(page[0].totalKind()).isEqualTo(CountMode.EXACT);
    assertThat(page[0].total()).isEqualTo(40);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void keysetSlicesCountOnlyWhenAsked(TestDatabase kind) {
    Database db = setUp(kind, ROWS);
    ListRequest.Builder b = ListRequest.builder().where("kind", 1).where("tenant_id", "a").limit(5);
    Slice<Tally> plain = db.inTransaction(tx -> TALLIES.listAfter(tx, b.after(null).build()));
    assertThat(plain.totalKind()).isEqualTo(CountMode.NONE);
    assertThat(plain.total()).isEqualTo(-1);
    Slice<Tally> counted =
        db.inTransaction(tx -> TALLIES.listAfter(tx, b.count(CountMode.EXACT).build()));
    assertThat(counted.totalKind()).isEqualTo(CountMode.EXACT);
    assertThat(counted.total()).isEqualTo(40);
    Slice<Tally> planned =
        db.inTransaction(tx -> TALLIES.listAfter(tx, b.count(CountMode.PLANNED).build()));
    assertThat(planned.totalKind())
        .isEqualTo(hasEstimate(kind) ? CountMode.PLANNED : CountMode.EXACT);
    assertThat(planned.total()).isGreaterThanOrEqualTo(5);
  }

  /** The tested databases whose dialect has no row estimate. */
  static Stream<TestDatabase> withoutAnEstimate() {
    return TestDatabase.all().filter(kind -> !hasEstimate(kind));
  }

  /** Past the bound a database without an estimate reports no total rather than scan on. */
  @ParameterizedTest
  @MethodSource("withoutAnEstimate")
  void plannedWithoutAnEstimateStopsAtTheBound(TestDatabase kind) {
    Database db = setUp(kind, CountMode.BOUNDED_COUNT_LIMIT * 2);
    Page<Tally> page =
        db.inTransaction(
            tx ->
                TALLIES.list(tx, ListRequest.builder().limit(5).count(CountMode.PLANNED).build()));
    assertThat(page.totalKind()).isEqualTo(CountMode.NONE);
    assertThat(page.total()).isEqualTo(-1);
  }
}
