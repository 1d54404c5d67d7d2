package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every dialect's "the session is gone" codes classify as {@link SqlErrorKind#CONNECTION_FAILURE}
 * (HTTP 503, connection discarded), and their neighbours keep their own kind (issue 16). Exceptions
 * are built as each driver reports them: SQLState and vendor code, or DuckDB's message prefix.
 */
class LostConnectionClassificationTest {

  @ParameterizedTest(name = "{0} {1}/{2} -> {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | 57P01 | 0      | terminating connection due to administrator command | CONNECTION_FAILURE
      postgresql | 57P02 | 0      | terminating connection because of crash of another server process | CONNECTION_FAILURE
      postgresql | 57P03 | 0      | the database system is starting up | CONNECTION_FAILURE
      postgresql | 57P04 | 0      | database dropped | CONNECTION_FAILURE
      postgresql | 57P05 | 0      | terminating connection due to idle-session timeout | CONNECTION_FAILURE
      postgresql | 25P03 | 0      | terminating connection due to idle-in-transaction timeout | CONNECTION_FAILURE
      postgresql | 53300 | 0      | sorry, too many clients already | CONNECTION_FAILURE
      postgresql | 08006 | 0      | An I/O error occurred while sending to the backend | CONNECTION_FAILURE
      postgresql | 08003 | 0      | This connection has been closed | CONNECTION_FAILURE
      postgresql | 57014 | 0      | canceling statement due to statement timeout | STATEMENT_TIMEOUT
      postgresql | 40001 | 0      | could not serialize access | TRANSIENT_CONFLICT
      postgresql | 42P01 | 0      | relation does not exist | OTHER
      postgresql | 25006 | 0      | cannot execute INSERT in a read-only transaction | READ_ONLY
      mariadb    | HY000 | 1290   | The MariaDB server is running with the --read-only option | READ_ONLY_SERVER
      mariadb    | HY000 | 1836   | Running in read-only mode | READ_ONLY_SERVER
      mariadb    | 25006 | 1792   | Cannot execute statement in a READ ONLY transaction | READ_ONLY
      mysql      | HY000 | 1290   | The MySQL server is running with the --super-read-only option | READ_ONLY_SERVER
      mariadb    | 70100 | 1927   | Connection was killed | CONNECTION_FAILURE
      mariadb    | 08000 | -1     | Socket error | CONNECTION_FAILURE
      mariadb    | 08S01 | 1053   | Server shutdown in progress | CONNECTION_FAILURE
      mariadb    | HY000 | 2006   | MySQL server has gone away | CONNECTION_FAILURE
      mariadb    | HY000 | 2013   | Lost connection to server during query | CONNECTION_FAILURE
      mariadb    | 08004 | 1040   | Too many connections | CONNECTION_FAILURE
      mariadb    | 08S01 | 1152   | Aborted connection | CONNECTION_FAILURE
      mariadb    | 08S01 | 1158   | Got an error reading communication packets | CONNECTION_FAILURE
      mariadb    | 08S01 | 1161   | Got timeout writing communication packets | CONNECTION_FAILURE
      mariadb    | 70100 | 1317   | Query execution was interrupted | STATEMENT_TIMEOUT
      mariadb    | 23000 | 1062   | Duplicate entry 'a' for key 'uq' | UNIQUE_VIOLATION
      mysql      | HY000 | 4031   | The client was disconnected by the server because of inactivity | CONNECTION_FAILURE
      mysql      | HY000 | 3169   | Session was killed | CONNECTION_FAILURE
      mysql      | 08S01 | 2055   | Lost connection to MySQL server at 'reading initial communication packet' | CONNECTION_FAILURE
      mysql      | HY000 | 2003   | Can't connect to MySQL server | CONNECTION_FAILURE
      mysql      | 40001 | 1213   | Deadlock found | TRANSIENT_CONFLICT
      mssql      | 08S01 | 0      | Connection reset | CONNECTION_FAILURE
      mssql      | S0001 | 10054  | A transport-level error has occurred | CONNECTION_FAILURE
      mssql      | S0001 | 10053  | A transport-level error has occurred | CONNECTION_FAILURE
      mssql      | S0001 | 233    | No process is on the other end of the pipe | CONNECTION_FAILURE
      mssql      | S0001 | 596    | Cannot continue the execution because the session is in the kill state | CONNECTION_FAILURE
      mssql      | S0001 | 6005   | SHUTDOWN is in progress | CONNECTION_FAILURE
      mssql      | S0001 | 40613  | Database is not currently available | CONNECTION_FAILURE
      mssql      | S0001 | 40501  | The service is currently busy | CONNECTION_FAILURE
      mssql      | 40001 | 1205   | deadlock victim | TRANSIENT_CONFLICT
      snowflake  | 08001 | 390114 | Authentication token has expired | CONNECTION_FAILURE
      snowflake  | 08001 | 390111 | Session no longer exists | CONNECTION_FAILURE
      snowflake  | 08001 | 390112 | Your session has expired | CONNECTION_FAILURE
      snowflake  | 57014 | 630    | Statement reached its statement or warehouse timeout | STATEMENT_TIMEOUT
      duckdb     |       | 0      | FATAL Error: Failed: database has been invalidated | CONNECTION_FAILURE
      duckdb     |       | 0      | Connection Error: Connection already closed | CONNECTION_FAILURE
      duckdb     |       | 0      | Constraint Error: Duplicate key "id: 1" violates primary key constraint | UNIQUE_VIOLATION
      h2         | 90067  | 90067 | Connection is broken | CONNECTION_FAILURE
      h2         | 90098  | 90098 | The database has been closed | CONNECTION_FAILURE
      h2         | 08001  | 0     | connection refused | CONNECTION_FAILURE
      """)
  void lostSessionsAreConnectionFailures(
      String dialect, String state, int code, String message, SqlErrorKind expected) {
    SQLException e = new SQLException(message, state, code);
    assertThat(Dialects.byName(dialect).classify(e).kind()).isEqualTo(expected);
  }

  /** xerial reports SQLite's extended result code; the primary code decides. */
  @ParameterizedTest(name = "sqlite {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      SQLITE_IOERR            | CONNECTION_FAILURE
      SQLITE_IOERR_SHORT_READ | CONNECTION_FAILURE
      SQLITE_IOERR_FSYNC      | CONNECTION_FAILURE
      SQLITE_FULL             | CONNECTION_FAILURE
      SQLITE_CANTOPEN         | CONNECTION_FAILURE
      SQLITE_BUSY             | TRANSIENT_CONFLICT
      SQLITE_CORRUPT          | OTHER
      SQLITE_CONSTRAINT_UNIQUE | UNIQUE_VIOLATION
      """)
  void sqliteFilesThatCannotBeUsedAreUnavailable(String code, SqlErrorKind expected) {
    SQLException e =
        new org.sqlite.SQLiteException("failed", org.sqlite.SQLiteErrorCode.valueOf(code));
    assertThat(Dialects.SQLITE.classify(e).kind()).isEqualTo(expected);
  }
}
