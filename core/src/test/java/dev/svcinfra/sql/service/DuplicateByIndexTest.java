package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.TransactionOptions;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Handle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With a unique ignore-case index on the field, a duplicate create is found by the index where the
 * database enforces it, and answered with the same conflict as the count before the INSERT gave
 * (issue 23). The count stays only inside a transaction on databases where a refused INSERT spoils
 * the transaction (PostgreSQL, DuckDB), so the caller can go on after catching the conflict.
 */
class DuplicateByIndexTest extends DatabaseSuite {
  private static final DedupeSqlService<Handle> HANDLES =
      new DedupeSqlService<>(SqlRepository.of(Handle.class), List.of("email"));

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void theIndexDecidesWithTheCheckSConflictAndTheTransactionGoesOn(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Handle.class).table());
    db.useTransaction(tx -> HANDLES.create(tx, Map.of("email", "Ann@Example.com")));
    List<String> sent = new CopyOnWriteArrayList<>();
    db.addStatementListener(e -> sent.add(e.sql()));
    assertThat(HANDLES.createsWithoutCheck(db.dialect())).isTrue();

    // Alone in auto-commit: the INSERT is the only statement, refused by the index.
    ConflictException alone =
        catchThrowableOfType(
            () ->
                db.inSingleStatement(
                    TransactionOptions.defaults(),
                    null,
                    tx -> HANDLES.create(tx, Map.of("email", "ANN@example.com"))),
            ConflictException.class);
    assertThat(alone).hasMessage("email 'ANN@example.com' already exists (ignoring case)");
    assertThat(alone.field()).contains("email");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).startsWith("INSERT");

    // In a transaction that goes on after catching the conflict.
    sent.clear();
    db.useTransaction(
        tx -> {
          ConflictException inside =
              catchThrowableOfType(
                  () -> HANDLES.create(tx, Map.of("email", "aNN@example.COM")),
                  ConflictException.class);
          assertThat(inside).hasMessage("email 'aNN@example.COM' already exists (ignoring case)");
          assertThat(inside.field()).contains("email");
          HANDLES.create(tx, Map.of("email", "bob@example.com"));
        });
    boolean counted = sent.stream().anyMatch(s -> s.contains("COUNT("));
    assertThat(counted).isEqualTo(db.dialect().failedStatementAbortsTransaction());
    assertThat(db.<Long, RuntimeException>inTransaction(HANDLES::count)).isEqualTo(2L);
    assertThat(db.activeConnections()).isZero();
  }
}
