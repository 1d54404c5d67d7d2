package dev.svcinfra.examples.quickstart;

import dev.svcinfra.sql.model.annotation.Check;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import java.math.BigDecimal;

/**
 * An account with a balance. The CHECK constraint is the last line of defence: whatever code runs,
 * the database refuses a negative balance, and the refusal rolls the request back.
 *
 * @since 0.1
 */
@Table(name = "accounts")
@Check(name = "ck_accounts_balance", value = "balance >= 0")
public record Account(
    @Id Long id,
    @Column(nullable = false, length = 200) String owner,
    @Column(nullable = false, precision = 19, scale = 2, defaultSql = "0") BigDecimal balance) {}
