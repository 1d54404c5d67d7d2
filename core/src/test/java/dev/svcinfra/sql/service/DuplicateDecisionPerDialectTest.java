package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Handle;
import dev.svcinfra.sql.testmodels.LiveHandle;
import dev.svcinfra.sql.testmodels.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which databases leave duplicates to the unique ignore-case index and which count first (issue
 * 23), including those no server here runs: the decision follows the index each dialect's DDL
 * builds (MySQL's functional key part, SQL Server's computed column, none on Snowflake, whose
 * unique constraints are informational) and what a refused INSERT does to the transaction.
 */
class DuplicateDecisionPerDialectTest {
  private static final DedupeSqlService<Handle> HANDLES =
      new DedupeSqlService<>(SqlRepository.of(Handle.class), List.of("email"));
  private static final DedupeSqlService<LiveHandle> LIVE =
      new DedupeSqlService<>(SqlRepository.of(LiveHandle.class), List.of("email"));
  private static final DedupeSqlService<Person> UNINDEXED =
      new DedupeSqlService<>(SqlRepository.of(Person.class), List.of("name"));

  @Test
  void theIndexDecidesWhereTheDatabaseBuildsAndEnforcesIt() {
    for (Dialect d :
        List.of(
            Dialects.POSTGRESQL,
            Dialects.MYSQL,
            Dialects.MARIADB,
            Dialects.SQLITE,
            Dialects.MSSQL,
            Dialects.DUCKDB)) {
      assertThat(HANDLES.createsWithoutCheck(d)).as(d.name()).isTrue();
      // The DDL the decision relies on renders an ignore-case unique index on this dialect.
      assertThat(d.createIndexStatement(table(Handle.class), index(Handle.class)))
          .as(d.name())
          .containsIgnoringCase("UNIQUE");
    }
    assertThat(HANDLES.createsWithoutCheck(Dialects.SNOWFLAKE)).isFalse();
    // A live-rows-only index: DuckDB cannot build one (no partial indexes), the others can.
    assertThat(LIVE.createsWithoutCheck(Dialects.DUCKDB)).isFalse();
    for (Dialect d :
        List.of(
            Dialects.POSTGRESQL,
            Dialects.MYSQL,
            Dialects.MARIADB,
            Dialects.SQLITE,
            Dialects.MSSQL)) {
      assertThat(LIVE.createsWithoutCheck(d)).as(d.name()).isTrue();
    }
    // No index on the field: the count stays everywhere.
    for (Dialect d : Dialects.all()) {
      assertThat(UNINDEXED.createsWithoutCheck(d)).as(d.name()).isFalse();
    }
  }

  @Test
  void onlyPostgresqlAndDuckdbSpoilTheTransactionWithARefusedInsert() {
    for (Dialect d : Dialects.all()) {
      boolean aborts = d == Dialects.POSTGRESQL || d == Dialects.DUCKDB;
      assertThat(d.failedStatementAbortsTransaction()).as(d.name()).isEqualTo(aborts);
    }
  }

  private static dev.svcinfra.sql.model.internal.Table table(Class<?> model) {
    return TableMapping.of(model).table();
  }

  private static dev.svcinfra.sql.model.internal.Index index(Class<?> model) {
    return table(model).indexes().get(0);
  }
}
