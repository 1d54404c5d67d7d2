package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.testmodels.Account;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionTest extends DatabaseSuite {
  static final SqlRepository<Account> ACCOUNTS = SqlRepository.of(Account.class);

  /** The guide's transfer: both updates commit together or neither does. */
  static void transfer(Database db, long from, long to, BigDecimal amount) {
    db.useTransaction(
        tx -> {
          Account a = ACCOUNTS.get(tx, to).orElseThrow(() -> new NotFoundException("accounts", to));
          ACCOUNTS.update(tx, to, Map.of("balance", a.balance().add(amount)));
          Account b =
              ACCOUNTS.get(tx, from).orElseThrow(() -> new NotFoundException("accounts", from));
          ACCOUNTS.update(tx, from, Map.of("balance", b.balance().subtract(amount)));
        });
  }

  Database setUp(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Account.class).table());
    db.useTransaction(
        tx -> {
          ACCOUNTS.create(tx, Map.of("owner", "ann", "balance", "100.00"));
          ACCOUNTS.create(tx, Map.of("owner", "bob", "balance", "5.00"));
        });
    return db;
  }

  static BigDecimal balance(Database db, long id) {
    return db.inTransaction(tx -> ACCOUNTS.get(tx, id).orElseThrow().balance());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aTransferCommitsAtomicallyAndAFailedOneRollsBackEntirely(TestDatabase kind) {
    Database db = setUp(kind);
    transfer(db, 1, 2, new BigDecimal("30.00"));
    assertThat(balance(db, 1)).isEqualByComparingTo("70.00");
    assertThat(balance(db, 2)).isEqualByComparingTo("35.00");
    // Bob cannot pay 50: the CHECK fails on the second update, after Ann was credited.
    assertThatThrownBy(() -> transfer(db, 2, 1, new BigDecimal("50.00")))
        .isInstanceOf(ValidationException.class);
    assertThat(balance(db, 1)).isEqualByComparingTo("70.00");
    assertThat(balance(db, 2)).isEqualByComparingTo("35.00");
    // Any exception rolls back, not only database errors.
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> {
                      ACCOUNTS.update(tx, 1, Map.of("balance", "0.00"));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(balance(db, 1)).isEqualByComparingTo("70.00");
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void nestedBlocksJoinTheOuterTransaction(TestDatabase kind) {
    Database db = setUp(kind);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    outer -> {
                      db.useTransaction(
                          inner -> {
                            assertThat(inner).isSameAs(outer);
                            ACCOUNTS.update(inner, 1, Map.of("balance", "1.00"));
                          });
                      assertThat(db.currentTransaction()).containsSame(outer);
                      throw new IllegalStateException("outer fails");
                    }))
        .hasMessage("outer fails");
    assertThat(balance(db, 1)).isEqualByComparingTo("100.00");
    assertThat(db.currentTransaction()).isEmpty();
    assertThatThrownBy(
            () ->
                db.useTransaction(TransactionOptions.readOnly(), ro -> db.useTransaction(rw -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("read-only");
    // Read-only on the primary (a GET request): a read-write block joins it and reads.
    BigDecimal read =
        db.inTransaction(
            TransactionOptions.readOnlyOnPrimary(),
            ro ->
                db.inTransaction(
                    rw -> {
                      assertThat(rw).isSameAs(ro);
                      return balance(db, 1);
                    }));
    assertThat(read).isEqualByComparingTo("100.00");
  }

  /** Issue 17: a block undoes its writes and still returns, without throwing to roll back. */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aBlockMarkedRollbackOnlyReturnsItsResultAndUndoesItsWrites(TestDatabase kind) {
    Database db = setUp(kind);
    String answer =
        db.inTransaction(
            tx -> {
              ACCOUNTS.update(tx, 1, Map.of("balance", "1.00"));
              assertThat(tx.isRollbackOnly()).isFalse();
              tx.setRollbackOnly();
              return "refused";
            });
    assertThat(answer).isEqualTo("refused");
    assertThat(balance(db, 1)).isEqualByComparingTo("100.00");
    // A joined block marks the outer transaction: nothing of either commits.
    db.useTransaction(
        outer -> {
          ACCOUNTS.update(outer, 2, Map.of("balance", "9.00"));
          db.useTransaction(inner -> inner.setRollbackOnly());
          assertThat(outer.isRollbackOnly()).isTrue();
        });
    assertThat(balance(db, 2)).isEqualByComparingTo("5.00");
    // The mark belongs to one transaction: the next one commits.
    db.useTransaction(tx -> ACCOUNTS.update(tx, 2, Map.of("balance", "6.00")));
    assertThat(balance(db, 2)).isEqualByComparingTo("6.00");
    assertThat(db.activeConnections()).isZero();
  }
}
