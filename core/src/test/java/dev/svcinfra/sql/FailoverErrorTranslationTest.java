package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.dialect.Dialects;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each dialect's failover-time failures become (issue 18): a lost session, a server shutting
 * down or not accepting connections yet, or a server that refuses writes is {@code
 * database_unavailable} (HTTP 503 with Retry-After), never a 500; a write in a transaction that
 * itself asked to be read-only stays the caller's bug. Exceptions are built as the drivers report
 * them.
 */
class FailoverErrorTranslationTest {

  @ParameterizedTest(name = "{0} {1}/{2} read-only tx {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | 57P01 | 0    | false | database_unavailable  | terminating connection due to administrator command
      postgresql | 57P01 | 0    | false | database_unavailable  | terminating connection due to unexpected postmaster exit
      postgresql | 57P02 | 0    | false | database_unavailable  | terminating connection because of crash of another server process
      postgresql | 57P03 | 0    | false | database_unavailable  | the database system is shutting down
      postgresql | 57P03 | 0    | false | database_unavailable  | the database system is in recovery mode
      postgresql | 57P04 | 0    | false | database_unavailable  | database dropped
      postgresql | 57P05 | 0    | false | database_unavailable  | terminating connection due to idle-session timeout
      postgresql | 53300 | 0    | false | database_unavailable  | sorry, too many clients already
      postgresql | 08006 | 0    | false | database_unavailable  | An I/O error occurred while sending to the backend
      postgresql | 08001 | 0    | false | database_unavailable  | Could not find a server with specified targetServerType: primary
      postgresql | 08003 | 0    | false | database_unavailable  | This connection has been closed
      postgresql | 25006 | 0    | false | database_unavailable  | cannot execute INSERT in a read-only transaction
      postgresql | 25006 | 0    | true  | read_only_transaction | cannot execute INSERT in a read-only transaction
      postgresql | 40001 | 0    | false | transaction_conflict  | could not serialize access
      postgresql | 23505 | 0    | false | conflict              | duplicate key value
      mariadb    | 08S01 | 1053 | false | database_unavailable  | Server shutdown in progress
      mariadb    | 70100 | 1927 | false | database_unavailable  | Connection was killed
      mariadb    | HY000 | 2013 | false | database_unavailable  | Lost connection to server during query
      mariadb    | HY000 | 1290 | false | database_unavailable  | The MariaDB server is running with the --read-only option
      mariadb    | HY000 | 1290 | true  | database_unavailable  | The MariaDB server is running with the --read-only option
      mariadb    | HY000 | 1836 | false | database_unavailable  | Running in read-only mode
      mariadb    | 25006 | 1792 | true  | read_only_transaction | Cannot execute statement in a READ ONLY transaction
      mysql      | HY000 | 1290 | false | database_unavailable  | The MySQL server is running with the --super-read-only option
      mysql      | HY000 | 1836 | false | database_unavailable  | Running in read-only mode
      mysql      | 08S01 | 2013 | false | database_unavailable  | Communications link failure
      mysql      | 25006 | 1792 | true  | read_only_transaction | Cannot execute statement in a READ ONLY transaction
      mssql      | S0001 | 6005 | false | database_unavailable  | SHUTDOWN is in progress
      mssql      | 08S01 | 0    | false | database_unavailable  | Connection reset
      """)
  void failoverFailuresAreUnavailable(
      String dialect, String state, int code, boolean readOnlyTx, String expected, String message) {
    SQLException e = new SQLException(message, state, code);
    DatabaseException translated =
        SqlFailures.translate(e, Dialects.byName(dialect), null, null, null, readOnlyTx);
    assertThat(translated.code().wireName()).isEqualTo(expected);
    // Only a write in a transaction that asked to be read-only is the service's own bug.
    assertThat(translated.code().httpStatus() == 500)
        .isEqualTo(expected.equals("read_only_transaction"));
    if (expected.equals("database_unavailable")) {
      assertThat(translated).isInstanceOf(DatabaseUnavailableException.class);
      assertThat(((DatabaseUnavailableException) translated).sqlState()).contains(state);
    }
  }

  @ParameterizedTest(name = "commit {0} {1}/{2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | 08006 | 0    | commit_outcome_unknown | An I/O error occurred while sending to the backend
      postgresql | 57P01 | 0    | commit_outcome_unknown | terminating connection due to administrator command
      postgresql | 57P02 | 0    | commit_outcome_unknown | terminating connection because of crash of another server process
      postgresql | 40001 | 0    | transaction_conflict   | could not serialize access due to read/write dependencies
      postgresql | 23505 | 0    | conflict               | duplicate key value violates unique constraint (deferred)
      mariadb    | HY000 | 2013 | commit_outcome_unknown | Lost connection to server during query
      mariadb    | 70100 | 1927 | commit_outcome_unknown | Connection was killed
      mariadb    | 40001 | 1213 | transaction_conflict   | Deadlock found
      mysql      | 08S01 | 0    | commit_outcome_unknown | Communications link failure
      mssql      | S0001 | 10054 | commit_outcome_unknown | A transport-level error has occurred
      """)
  void aLostCommitHasAnUnknownOutcome(
      String dialect, String state, int code, String expected, String message) {
    SQLException e = new SQLException(message, state, code);
    DatabaseException translated =
        SqlFailures.commitFailed(e, Dialects.byName(dialect), Duration.ofSeconds(1));
    assertThat(translated.code().wireName()).isEqualTo(expected);
    if (expected.equals("commit_outcome_unknown")) {
      assertThat(translated)
          .isInstanceOf(CommitOutcomeUnknownException.class)
          .isNotInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("may or may not have been committed");
      assertThat(translated.code().httpStatus()).isEqualTo(503);
    }
  }
}
