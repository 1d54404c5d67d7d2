package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Account;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Database#inSingleStatement}: the block's one statement runs in auto-commit on every
 * database, a second statement is refused, and inside a transaction the block joins it.
 */
class SingleStatementBlockTest extends DatabaseSuite {
  static final SqlRepository<Account> ACCOUNTS = SqlRepository.of(Account.class);

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void oneStatementRunsInAutoCommitAndASecondIsRefused(TestDatabase kind) throws Exception {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Account.class).table());
    long id =
        db.inTransaction(tx -> ACCOUNTS.create(tx, Map.of("owner", "ann", "balance", "1.00"))).id();

    String owner =
        db.inSingleStatement(
            TransactionOptions.readOnlyOnPrimary(),
            null,
            tx -> {
              assertThat(tx.isAutoCommit()).isTrue();
              assertThat(tx.connection().getAutoCommit()).isTrue();
              return ACCOUNTS.get(tx, id).orElseThrow().owner();
            });
    assertThat(owner).isEqualTo("ann");

    // A write alone commits with its statement, even when the block then throws.
    assertThatThrownBy(
            () ->
                db.inSingleStatement(
                    TransactionOptions.defaults(),
                    null,
                    tx -> {
                      tx.execute("UPDATE accounts SET owner = ? WHERE id = ?", "bea", id);
                      throw new IllegalArgumentException("after the write");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(owner(db, id)).isEqualTo("bea");

    assertThatThrownBy(
            () ->
                db.inSingleStatement(
                    TransactionOptions.readOnlyOnPrimary(),
                    null,
                    tx -> {
                      ACCOUNTS.get(tx, id);
                      return ACCOUNTS.get(tx, id);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("second statement");

    // Inside a transaction the block is part of it: nothing commits on its own.
    db.useTransaction(
        tx -> {
          ACCOUNTS.update(tx, id, Map.of("owner", "cy"));
          db.inSingleStatement(
              TransactionOptions.defaults(),
              null,
              inner -> {
                assertThat(inner.isAutoCommit()).isFalse();
                return inner.execute("UPDATE accounts SET owner = ? WHERE id = ?", "dee", id);
              });
          tx.setRollbackOnly();
        });
    assertThat(owner(db, id)).isEqualTo("bea");
    assertThat(db.activeConnections()).isZero();
  }

  private static String owner(Database db, long id) {
    return db.<String, RuntimeException>inTransaction(
        tx -> ACCOUNTS.get(tx, id).orElseThrow().owner());
  }
}
