package dev.svcinfra.sql;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.sql.SQLException;

/**
 * Tells HikariCP to discard a connection whenever a statement on it failed because the session is
 * gone, as the dialect classifies it. HikariCP on its own discards only for SQLState class 08,
 * PostgreSQL's 57P01-57P03 and a few vendor codes; a MariaDB connection killed on the server (1927,
 * SQLState 70100), a PostgreSQL session ended by idle_session_timeout (57P05) or a SQL Server
 * transport error would otherwise go back into the pool and fail the next borrower too (issue 16).
 * Every other failure keeps HikariCP's own judgement.
 */
final class LostConnectionEviction implements SQLExceptionOverride {
  private final Dialect dialect;

  LostConnectionEviction(Dialect dialect) {
    this.dialect = dialect;
  }

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    return dialect.classify(e).kind() == SqlErrorKind.CONNECTION_FAILURE
        ? Override.MUST_EVICT
        : Override.CONTINUE_EVICT;
  }
}
