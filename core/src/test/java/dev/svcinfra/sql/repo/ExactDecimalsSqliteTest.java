package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseException;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQLite keeps decimals as scaled integers ({@code DECIMAL_AS_INTEGER(p, s)}, issue 16): the
 * rendered column, what SQL sees in it, the database's own refusal of anything else, and tables of
 * an older schema ({@code NUMERIC(p, s)}, binary floating point) that are reported by {@code sql
 * check} and never read as if they were exact.
 */
class ExactDecimalsSqliteTest extends DatabaseSuite {
  static final SqlRepository<ExactValuesTest.Ledger> LEDGER = ExactValuesTest.LEDGER;

  @Test
  void theColumnIsAScaledIntegerWithItsOwnCheck() {
    Database db = open(TestDatabase.SQLITE);
    List<String> ddl =
        db.dialect().createTableStatements(TableMapping.of(ExactValuesTest.Ledger.class).table());
    assertThat(ddl.get(0))
        .contains(
            "\"balance\" DECIMAL_AS_INTEGER(19, 2) DEFAULT 0 NOT NULL "
                + "CONSTRAINT \"decimal(balance)\" CHECK (typeof(\"balance\") IN ('integer', 'null') AND "
                + "\"balance\" BETWEEN -9223372036854775807 AND 9223372036854775807)")
        .contains(
            "\"rate\" DECIMAL_AS_INTEGER(4, 4) CONSTRAINT \"decimal(rate)\" CHECK "
                + "(typeof(\"rate\") IN ('integer', 'null') AND \"rate\" BETWEEN -9999 AND 9999)");
    TestDatabase.create(db, TableMapping.of(ExactValuesTest.Ledger.class).table());
    db.useTransaction(tx -> LEDGER.create(tx, Map.of("label", "a", "balance", "12.34")));
    List<Object> raw =
        db.inTransaction(
            (Transaction tx) ->
                tx.query(
                    "SELECT typeof(balance) || ':' || balance FROM ledger", rs -> rs.getObject(1)));
    assertThat(raw).containsExactly("integer:1234");
    // Hand-written SQL that slips a fraction or a float past the library is refused by SQLite.
    for (String bad : List.of("12.5", "'abc'", "1e300", "9223372036854775807 + 1")) {
      assertThatThrownBy(
              () -> db.useTransaction(tx -> tx.execute("UPDATE ledger SET balance = " + bad)))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.errors())
                      .singleElement()
                      .satisfies(err -> assertThat(err.field()).isEqualTo("balance")));
    }
    assertThatThrownBy(() -> db.useTransaction(tx -> tx.execute("UPDATE ledger SET rate = 10000")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("rate"));
  }

  /** Values that do not fit, bound by hand-written SQL past the repository's checks. */
  @Test
  void aTypedStatementCannotStoreAValueThatDoesNotFit() {
    Database db = open(TestDatabase.SQLITE);
    TestDatabase.create(db, TableMapping.of(ExactValuesTest.Ledger.class).table());
    db.useTransaction(tx -> LEDGER.create(tx, Map.of("label", "a", "balance", "1.00")));
    for (String bad :
        List.of(
            "0.005",
            "12345678901234567.895",
            "92233720368547758.08",
            "1e400",
            "45035996273704.965")) {
      assertThatThrownBy(
              () ->
                  db.useTransaction(
                      tx ->
                          tx.execute(
                              new dev.svcinfra.sql.SqlStatement(
                                  "UPDATE ledger SET balance = ?",
                                  new Object[] {new BigDecimal(bad)},
                                  new dev.svcinfra.sql.model.ColumnType[] {ExactValuesTest.BALANCE},
                                  null))))
          .as(bad)
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.errors().get(0).field()).isEqualTo("balance"));
    }
    assertThat(balances(db)).containsExactly(new BigDecimal("1.00"));
  }

  private static List<BigDecimal> balances(Database db) {
    return db
        .inTransaction(
            (Transaction tx) -> LEDGER.list(tx, ListRequest.builder().limit(10).build()).items())
        .stream()
        .map(ExactValuesTest.Ledger::balance)
        .toList();
  }

  @Test
  void aScaledDefaultIsTheModelsDefault() {
    Database db = open(TestDatabase.SQLITE);
    assertThat(db.dialect().sameDefault(ExactValuesTest.BALANCE, "1.50", "150")).isTrue();
    assertThat(db.dialect().sameDefault(ExactValuesTest.BALANCE, "1.5", "150")).isTrue();
    assertThat(db.dialect().sameDefault(ExactValuesTest.BALANCE, "1.50", "1.50")).isFalse();
  }

  @Test
  void aLegacyNumericColumnIsReportedAndNeverMisread() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "0000000000b1",
        "",
        "CREATE TABLE ledger (id INTEGER PRIMARY KEY "
            + "AUTOINCREMENT, label VARCHAR(200) NOT NULL, balance NUMERIC(19, 2) DEFAULT 0 NOT NULL, "
            + "rate DECIMAL_AS_INTEGER(4, 4), CONSTRAINT ck_ledger_balance CHECK (balance >= 0))",
        "DROP TABLE ledger");
    Database db = open(TestDatabase.SQLITE);
    Migrations m =
        Migrations.builder()
            .database(db)
            .scriptLocation(dir)
            .models(List.of(TableMapping.of(ExactValuesTest.Ledger.class).table()))
            .build();
    m.upgrade();
    assertThat(m.check().differences())
        .map(MigrationOp::describe)
        .containsExactly("alter column ledger.balance: type DOUBLE -> DECIMAL(19, 2)");
    db.useTransaction(tx -> tx.execute("INSERT INTO ledger (label, balance) VALUES ('old', 10)"));
    // 10 here means 10.00, not 0.10: the library refuses to read it rather than guess.
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    (Transaction tx) -> LEDGER.list(tx, ListRequest.builder().limit(10).build())))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("DECIMAL_AS_INTEGER");
    // A write returns its row, so it fails the same way and changes nothing.
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        LEDGER.create(
                            tx, Map.of("label", "new", "balance", new BigDecimal("1.00")))))
        .isInstanceOf(DatabaseException.class);
    long rows =
        db.inTransaction(
            (Transaction tx) ->
                tx.query("SELECT COUNT(*) FROM ledger", rs -> rs.getLong(1)).get(0));
    assertThat(rows).isEqualTo(1);
  }
}
