package dev.svcinfra.sql.model.internal;

import java.util.Objects;

/**
 * A named {@code CHECK} constraint; {@code expression} is SQL over the table's columns, written by
 * the model author (never from user input).
 *
 * <pre>{@code
 * CheckConstraint c = new CheckConstraint("ck_accounts_balance", "balance >= 0");
 * }</pre>
 *
 * @since 0.1
 */
public record CheckConstraint(String name, String expression) {
  public CheckConstraint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expression, "expression");
  }
}
