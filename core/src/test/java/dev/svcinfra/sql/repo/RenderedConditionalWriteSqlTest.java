package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.RecordingConnection;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.testmodels.Account;
import dev.svcinfra.sql.testmodels.Person;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQL of conditional writes on every dialect, servers or not (issue 16): the locking read that
 * precedes the write of a model without a version, and the version check inside the UPDATE and
 * DELETE of a versioned one. The recording connection answers every read with one row of NULLs,
 * whose tag the tests compute to get past the compare.
 */
class RenderedConditionalWriteSqlTest {
  static final SqlRepository<Account> ACCOUNTS = SqlRepository.of(Account.class);
  static final SqlRepository<Person> PEOPLE = SqlRepository.of(Person.class);
  static final String NULL_ROW_TAG = ACCOUNTS.tag(new Account(null, null, null));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql | SELECT "id", "owner", "balance" FROM "accounts" WHERE "id" = ? FOR UPDATE
      mysql      | SELECT `id`, `owner`, `balance` FROM `accounts` WHERE `id` = ? FOR UPDATE
      mariadb    | SELECT `id`, `owner`, `balance` FROM `accounts` WHERE `id` = ? FOR UPDATE
      h2         | SELECT "id", "owner", "balance" FROM "accounts" WHERE "id" = ? FOR UPDATE
      mssql      | SELECT [id], [owner], [balance] FROM [accounts] WITH (UPDLOCK, ROWLOCK) WHERE [id] = ?
      sqlite     | SELECT "id", "owner", "balance" FROM "accounts" WHERE "id" = ?
      duckdb     | SELECT "id", "owner", "balance" FROM "accounts" WHERE "id" = ?
      """)
  void aRowWithoutVersionIsReadWithTheLockingReadBeforeTheWrite(String dialect, String lock) {
    RecordingConnection rec = new RecordingConnection();
    Transaction tx = rec.transaction(Dialects.byName(dialect));
    ACCOUNTS.update(tx, Scope.all(), 7, Map.of("owner", "bob"), Set.of(NULL_ROW_TAG));
    assertThat(rec.statements.get(0)).isEqualTo(lock);
    assertThat(rec.statements.get(1)).startsWith("UPDATE ");
    rec.statements.clear();
    ACCOUNTS.delete(tx, Scope.all(), 7, Set.of("x", NULL_ROW_TAG));
    assertThat(rec.statements.get(0)).isEqualTo(lock);
    assertThat(rec.statements.get(1)).startsWith("DELETE FROM ");
    rec.statements.clear();
    assertThatThrownBy(
            () -> ACCOUNTS.update(tx, Scope.all(), 7, Map.of("owner", "x"), Set.of("stale")))
        .isInstanceOf(dev.svcinfra.sql.PreconditionFailedException.class);
    assertThat(rec.statements).containsExactly(lock);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql
      mysql
      mariadb
      mssql
      snowflake
      sqlite
      duckdb
      """)
  void aVersionedRowIsComparedInsideTheWrite(String dialect) {
    RecordingConnection rec = new RecordingConnection();
    var d = Dialects.byName(dialect);
    Transaction tx = rec.transaction(d);
    PEOPLE.update(tx, Scope.all(), 7, Map.of("name", "Bob"), Set.of("3", "4", "x"));
    String v = d.quote("version");
    assertThat(rec.statements.get(0))
        .startsWith("UPDATE ")
        .contains(v + " = " + v + " + 1")
        .contains(
            d.quote("id")
                + " = ? AND "
                + d.quote("deleted_at")
                + " IS NULL AND "
                + v
                + " IN (?, ?)");
    rec.statements.clear();
    PEOPLE.delete(tx, Scope.all(), 7, Set.of("3"));
    assertThat(rec.statements.get(0)).startsWith("UPDATE ").endsWith(v + " IN (?)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      snowflake
      """)
  void withoutRowLocksAConditionalWriteNeedsAVersion(String dialect) {
    RecordingConnection rec = new RecordingConnection();
    Transaction tx = rec.transaction(Dialects.byName(dialect));
    assertThatThrownBy(
            () -> ACCOUNTS.update(tx, Scope.all(), 7, Map.of("owner", "bob"), Set.of(NULL_ROW_TAG)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("@Version");
    assertThat(rec.statements).isEmpty();
  }
}
