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
    // The credit is written first on purpose: when the debit then breaks the CHECK, the request's
    // rollback undoes the credit too. Both balances change, or neither does.
    // Each UPDATE changes the balance in one statement, so concurrent transfers never lose money.
    move(tx, to, amount);
    move(tx, from, amount.negate());
  }

  private static void move(Transaction tx, long account, BigDecimal delta) {
    int rows = tx.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", delta, account);
    if (rows == 0) {
      throw new NotFoundException("accounts", account);
    }
  }
}
