package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import dev.svcinfra.sql.dialect.Dialects;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The pool is told to discard exactly the connections whose session the dialect says is gone. */
class LostConnectionEvictionTest {

  @Test
  void lostSessionsAreEvictedOtherFailuresLeftToThePool() {
    LostConnectionEviction mariadb = new LostConnectionEviction(Dialects.MARIADB, true);
    // MariaDB's KILL: SQLState 70100, which HikariCP alone would keep in the pool.
    assertThat(mariadb.adjudicate(new SQLException("Connection was killed", "70100", 1927)))
        .isEqualTo(Override.MUST_EVICT);
    assertThat(mariadb.adjudicate(new SQLException("interrupted", "70100", 1317)))
        .isEqualTo(Override.CONTINUE_EVICT);
    assertThat(mariadb.adjudicate(new SQLException("Duplicate entry", "23000", 1062)))
        .isEqualTo(Override.CONTINUE_EVICT);
    LostConnectionEviction postgres = new LostConnectionEviction(Dialects.POSTGRESQL, true);
    assertThat(postgres.adjudicate(new SQLException("idle-session timeout", "57P05", 0)))
        .isEqualTo(Override.MUST_EVICT);
    assertThat(postgres.adjudicate(new SQLException("duplicate key", "23505", 0)))
        .isEqualTo(Override.CONTINUE_EVICT);
    // A standby answers a write with 25006: useless to the primary pool, harmless to the replica's.
    assertThat(postgres.adjudicate(new SQLException("read-only transaction", "25006", 0)))
        .isEqualTo(Override.MUST_EVICT);
    assertThat(
            new LostConnectionEviction(Dialects.POSTGRESQL, false)
                .adjudicate(new SQLException("read-only transaction", "25006", 0)))
        .isEqualTo(Override.CONTINUE_EVICT);
    assertThat(mariadb.adjudicate(new SQLException("--read-only option", "HY000", 1290)))
        .isEqualTo(Override.MUST_EVICT);
  }
}
