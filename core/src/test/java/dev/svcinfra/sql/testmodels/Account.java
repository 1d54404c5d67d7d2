package dev.svcinfra.sql.testmodels;

import dev.svcinfra.sql.model.annotation.Check;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import java.math.BigDecimal;

/** The guide's account: a generated long id, an owner and a balance that may not go negative. */
@Table(name = "accounts")
@Check(name = "ck_accounts_balance", value = "balance >= 0")
public record Account(
    @Id Long id,
    @Column(nullable = false, length = 100) String owner,
    @Column(nullable = false, precision = 12, scale = 2) BigDecimal balance) {}
