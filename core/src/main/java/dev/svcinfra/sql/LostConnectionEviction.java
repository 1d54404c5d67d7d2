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
 * The primary pool also discards a connection whose server refuses writes. Every other failure
 * keeps HikariCP's own judgement.
 */
final class LostConnectionEviction implements SQLExceptionOverride {
  private final Dialect dialect;
  private final boolean writes;

  /**
   * @param writes whether the pool serves read-write transactions (the primary pool)
   */
  LostConnectionEviction(Dialect dialect, boolean writes) {
    this.dialect = dialect;
    this.writes = writes;
  }

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    SqlErrorKind kind = dialect.classify(e).kind();
    // In the primary pool, a connection to a server that refuses writes (a standby: PostgreSQL
    // says 25006 for it) is no use: a fresh one goes to whichever server takes writes now (issue
    // 18). A write in a transaction that asked to be read-only costs one reconnect, nothing more.
    boolean readOnly =
        writes && (kind == SqlErrorKind.READ_ONLY || kind == SqlErrorKind.READ_ONLY_SERVER);
    return kind == SqlErrorKind.CONNECTION_FAILURE || readOnly
        ? Override.MUST_EVICT
        : Override.CONTINUE_EVICT;
  }
}
