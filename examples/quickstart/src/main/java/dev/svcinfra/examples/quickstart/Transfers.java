package dev.svcinfra.examples.quickstart;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ValueLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves money between two accounts inside the caller's transaction. It knows nothing about HTTP: a
 * batch job could call it the same way.
 *
 * <pre>{@code
 * db.useTransaction(tx -> Transfers.transfer(tx, 1L, 2L, new BigDecimal("25.00")));
 * }</pre>
 *
 * @since 0.1
 */
public final class Transfers {
  private static final ColumnType BALANCE = ColumnType.of(Account.class, "balance");
  private static final ColumnType ID = ColumnType.of(ColumnType.Kind.BIGINT);

  private Transfers() {}

  /**
   * Debits {@code from} and credits {@code to} by {@code amount}.
   *
   * @throws ValidationException for a non-positive amount, an amount with more digits than the
   *     balance holds (0.005 would be rounded: refused instead), the same account twice, or an
   *     overdraft (the database's CHECK refuses the negative balance); every problem of the
   *     arguments is reported at once
   * @throws NotFoundException when an account does not exist
   */
  public static void transfer(Transaction tx, long from, long to, BigDecimal amount) {
    List<FieldError> errors = new ArrayList<>();
    if (amount.signum() <= 0) {
      errors.add(new FieldError("amount", FieldError.INVALID_VALUE, "must be positive"));
    } else {
      // A debit of 0.005 from a scale-2 balance would be rounded away while the credit rounds
      // up: money from nothing (issue 16). The amount must fit the balance column exactly.
      ValueLimits.decimalProblem(amount, BALANCE.precision(), BALANCE.scale())
          .ifPresent(p -> errors.add(new FieldError("amount", FieldError.INVALID_VALUE, p)));
    }
    if (from == to) {
      errors.add(new FieldError("to", FieldError.INVALID_VALUE, "must differ from 'from'"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
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

  /**
   * Adds {@code delta} to the balance in SQL. The delta is bound with the balance column's type, so
   * each dialect stores it as it stores the column (on SQLite an exact scaled integer), and a
   * refusal names the balance.
   */
  private static void move(Transaction tx, long account, BigDecimal delta) {
    int rows =
        tx.execute(
            SqlStatement.forModel(
                Account.class,
                "UPDATE accounts SET balance = balance + ? WHERE id = ?",
                new Object[] {delta, account},
                new ColumnType[] {BALANCE, ID}));
    if (rows == 0) {
      throw new NotFoundException("accounts", account);
    }
  }
}
