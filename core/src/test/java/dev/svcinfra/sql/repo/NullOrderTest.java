package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16: NULLs sort as larger than any value on every database: last ascending, first descending
 * (MySQL, MariaDB, SQLite and SQL Server sort them first by default, DuckDB last in both
 * directions). Rows with equal keys keep the id order.
 */
class NullOrderTest extends DatabaseSuite {
  @Table(name = "ranked")
  public record Ranked(@Id Long id, Integer rank, @Column(length = 20) String label) {}

  static final SqlRepository<Ranked> RANKED =
      SqlRepository.builder(Ranked.class).orderFields("rank", "label").build();

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void nullsAreLastAscendingAndFirstDescending(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Ranked.class).table());
    Integer[] ranks = {2, null, 1, null, 3};
    String[] labels = {"b", null, "a", "", null};
    db.useTransaction(
        tx -> {
          for (int i = 0; i < ranks.length; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("rank", ranks[i]);
            row.put("label", labels[i]);
            RANKED.create(tx, row);
          }
        });
    assertThat(order(db, "rank")).containsExactly(3L, 1L, 5L, 2L, 4L);
    assertThat(order(db, "-rank")).containsExactly(2L, 4L, 5L, 1L, 3L);
    // '' is a value, the smallest text, never NULL.
    assertThat(order(db, "label")).containsExactly(4L, 3L, 1L, 2L, 5L);
    assertThat(order(db, "-label")).containsExactly(2L, 5L, 1L, 3L, 4L);
    // A second key orders within the first: rows 2 and 5 share a NULL label; 5's rank 3 sorts
    // before 2's NULL rank.
    assertThat(order(db, "-label", "rank")).containsExactly(5L, 2L, 1L, 3L, 4L);
    assertThat(order(db, "rank", "-label")).containsExactly(3L, 1L, 5L, 2L, 4L);
  }

  private static List<Long> order(Database db, String... fields) {
    return db.inTransaction(
        tx ->
            RANKED
                .list(tx, ListRequest.builder().limit(100).orderBy(Arrays.asList(fields)).build())
                .items()
                .stream()
                .map(Ranked::id)
                .toList());
  }
}
