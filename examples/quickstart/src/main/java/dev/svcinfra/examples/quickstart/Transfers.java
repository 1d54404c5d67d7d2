package dev.svcinfra.examples.quickstart;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import java.math.BigDecimal;

/**
 * Moves money between two accounts inside the caller's transaction. It knows nothing about HTTP:
 * a batch job could call it the same way.
 *
 * <pre>{@code
 * db.useTransaction(tx -> Transfers.transfer(tx, 1L, 2L, new BigDecimal("25.00")));
 * }</pre>
 *
 * @since 0.1
 */
public final class Transfers {
  private Transfers() {}

  /**
   * Debits {@code from} and credits {@code to} by {@code amount}.
   *
   * @throws ValidationException for a non-positive amount, the same account twice, or an
   *     overdraft (the database's CHECK refuses the negative balance)
   * @throws NotFoundException when an account does not exist
   */
  public static void transfer(Transaction tx, long from, long to, BigDecimal amount) {
    if (amount.signum() <= 0) {
      throw ValidationException.of("amount", FieldError.INVALID_VALUE, "must be positive");
    }
    if (from == to) {
      throw ValidationException.of("to", FieldError.INVALID_VALUE, "must differ from 'from'");
    }
    // Both updates run in the caller's transaction: when the debit breaks the CHECK, the
    // rollback undoes the credit too. Both balances change, or neither does.
    // Each UPDATE changes the balance in one statement, so concurrent transfers never lose money.
    // The rows are updated in id order: two opposite transfers running at once (a to b, b to a)
    // then lock the accounts in the same order, and one waits for the other instead of both
    // deadlocking and failing.
    if (from < to) {
      move(tx, from, amount.negate());
      move(tx, to, amount);
    } else {
      move(tx, to, amount);
      move(tx, from, amount.negate());
    }
  }

  private static void move(Transaction tx, long account, BigDecimal delta) {
    int rows = tx.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", delta, account);
    if (rows == 0) {
      throw new NotFoundException("accounts", account);
    }
  }
}
