package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Check;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values reach every database exactly or are refused, naming the field (issue 16): decimals are
 * never rounded (0.005 into scale 2 is refused, 12345678901234567.89 comes back whole), a balance
 * updated by SQL arithmetic stays exact, decimal order and equality are numeric (keyset paging
 * returns each row once), text length counts characters and a lone surrogate is refused.
 */
class ExactValuesTest extends DatabaseSuite {
  @Table(name = "ledger")
  @Check(name = "ck_ledger_balance", value = "balance >= 0")
  public record Ledger(
      @Id Long id,
      @Column(nullable = false, length = 200) String label,
      @Column(nullable = false, precision = 19, scale = 2, defaultSql = "0") BigDecimal balance,
      @Column(precision = 4, scale = 4) BigDecimal rate) {}

  static final SqlRepository<Ledger> LEDGER = SqlRepository.of(Ledger.class);
  static final ColumnType BALANCE =
      TableMapping.of(Ledger.class).column("balance").orElseThrow().type();

  private Database ledger(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Ledger.class).table());
    return db;
  }

  private static Ledger create(Database db, String label, Object balance) {
    Map<String, Object> values = new HashMap<>();
    values.put("label", label);
    values.put("balance", balance);
    return db.inTransaction(tx -> LEDGER.create(tx, values));
  }

  private static List<Ledger> all(Database db) {
    return db.inTransaction(
        (Transaction tx) -> LEDGER.list(tx, ListRequest.builder().limit(10).build()).items());
  }

  private static long count(Database db, Scope scope) {
    return db.inTransaction((Transaction tx) -> LEDGER.countFiltered(tx, scope));
  }

  private static void assertRefused(Runnable write, String field, String messagePart) {
    assertThatThrownBy(write::run)
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).errors())
                    .singleElement()
                    .satisfies(
                        err -> {
                          assertThat(err.field()).isEqualTo(field);
                          assertThat(err.code()).isEqualTo(FieldError.INVALID_VALUE);
                          assertThat(err.message()).contains(messagePart);
                        }));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void decimalsRoundTripExactlyAtTheEdgesOfTheColumn(TestDatabase kind) {
    Database db = ledger(kind);
    for (String v :
        List.of(
            "12345678901234567.89",
            "0.01",
            "0",
            "0.10",
            "92233720368547758.07",
            "1.5",
            "1.500",
            "7")) {
      Ledger row = create(db, "v" + v, new BigDecimal(v));
      BigDecimal expected = new BigDecimal(v).setScale(2);
      assertThat(row.balance()).as("returned %s on %s", v, kind).isEqualTo(expected);
      assertThat(db.inTransaction(tx -> LEDGER.get(tx, row.id())).orElseThrow().balance())
          .as("read back %s on %s", v, kind)
          .isEqualTo(expected);
    }
    Ledger rate =
        db.inTransaction(
            tx ->
                LEDGER.create(
                    tx, Map.of("label", "rate", "balance", 0, "rate", new BigDecimal("-0.9999"))));
    assertThat(rate.rate()).isEqualTo(new BigDecimal("-0.9999"));
    assertThat(rate.balance()).isEqualTo(new BigDecimal("0.00"));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void decimalsThatDoNotFitAreRefusedNamingTheFieldAndChangeNothing(TestDatabase kind) {
    Database db = ledger(kind);
    Ledger row = create(db, "a", "10.00");
    assertRefused(() -> create(db, "b", new BigDecimal("0.005")), "balance", "after the point");
    assertRefused(() -> create(db, "b", "123456789012345678901"), "balance", "out of range");
    assertRefused(() -> create(db, "b", "1e400"), "balance", "out of range");
    assertRefused(() -> create(db, "b", new BigDecimal("1E-400")), "balance", "after the point");
    assertRefused(
        () ->
            db.useTransaction(
                tx -> LEDGER.update(tx, row.id(), Map.of("balance", new BigDecimal("9.995")))),
        "balance",
        "after the point");
    assertRefused(
        () ->
            db.useTransaction(
                tx -> LEDGER.update(tx, row.id(), Map.of("rate", new BigDecimal("1")))),
        "rate",
        "out of range");
    assertThat(all(db))
        .singleElement()
        .satisfies(r -> assertThat(r.balance()).isEqualTo(new BigDecimal("10.00")));
  }

  /** The quickstart's transfer shape: SQL arithmetic on the column with a typed bound value. */
  private static int add(Transaction tx, long id, BigDecimal delta) {
    return tx.execute(
        new SqlStatement(
            "UPDATE ledger SET balance = balance + ? WHERE id = ?",
            new Object[] {delta, id},
            new ColumnType[] {BALANCE, ColumnType.of(ColumnType.Kind.BIGINT)},
            TableMapping.of(Ledger.class).table()));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void arithmeticInSqlStaysExactAndTheCheckNamesTheField(TestDatabase kind) {
    Database db = ledger(kind);
    Ledger row = create(db, "a", "0.30");
    for (int i = 0; i < 3; i++) {
      db.useTransaction(tx -> add(tx, row.id(), new BigDecimal("-0.10")));
    }
    assertThat(db.inTransaction(tx -> LEDGER.get(tx, row.id())).orElseThrow().balance())
        .isEqualTo(new BigDecimal("0.00"));
    assertRefused(
        () -> db.useTransaction(tx -> add(tx, row.id(), new BigDecimal("-0.01"))),
        "balance",
        "check constraint");
    assertThat(db.inTransaction(tx -> LEDGER.get(tx, row.id())).orElseThrow().balance())
        .isEqualTo(new BigDecimal("0.00"));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void arithmeticBeyondThePrecisionIsRefusedNamingTheField(TestDatabase kind) {
    Database db = ledger(kind);
    Ledger row = create(db, "big", "90000000000000000.00");
    // 1.1e17 needs 18 digits before the point (DECIMAL(19, 2) has 17) and, scaled, more than
    // 64 bits: every database refuses it, and the refusal names the balance.
    assertThatThrownBy(
            () ->
                db.useTransaction(tx -> add(tx, row.id(), new BigDecimal("20000000000000000.00"))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(err -> assertThat(err.field()).isEqualTo("balance")));
    assertThat(db.inTransaction(tx -> LEDGER.get(tx, row.id())).orElseThrow().balance())
        .isEqualTo(new BigDecimal("90000000000000000.00"));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void decimalsOrderAndCompareAsNumbers(TestDatabase kind) {
    Database db = ledger(kind);
    // Neighbours that a binary double cannot tell apart.
    List<String> values =
        List.of(
            "12345678901234567.03",
            "12345678901234567.01",
            "0.30",
            "12345678901234567.02",
            "0.1",
            "0.2",
            "-0.00");
    for (String v : values) {
      create(db, v, new BigDecimal(v).abs());
    }
    List<BigDecimal> seen = new ArrayList<>();
    String cursor = null;
    do {
      String after = cursor;
      Slice<Ledger> slice =
          db.inTransaction(
              tx ->
                  LEDGER.listAfter(
                      tx, ListRequest.builder().limit(2).orderBy("balance").after(after).build()));
      slice.items().forEach(r -> seen.add(r.balance()));
      cursor = slice.nextCursor().orElse(null);
    } while (cursor != null);
    assertThat(seen)
        .map(BigDecimal::toPlainString)
        .containsExactly(
            "0.00",
            "0.10",
            "0.20",
            "0.30",
            "12345678901234567.01",
            "12345678901234567.02",
            "12345678901234567.03");
    assertThat(count(db, Scope.where("balance", "12345678901234567.02"))).isEqualTo(1);
    assertThat(count(db, Scope.where("balance", "0.3"))).isEqualTo(1);
    assertThat(count(db, Scope.where("balance", new BigDecimal("0.30000")))).isEqualTo(1);
    assertRefused(() -> count(db, Scope.where("balance", "0.301")), "balance", "after the point");
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aNumberBeyondTheFloatingPointRangeIsRefusedNotInfinity(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(dev.svcinfra.sql.testmodels.Tag.class).table());
    SqlRepository<dev.svcinfra.sql.testmodels.Tag> tags =
        SqlRepository.of(dev.svcinfra.sql.testmodels.Tag.class);
    for (Object huge : List.of("1e400", new BigDecimal("-1e309"))) {
      assertThatThrownBy(
              () -> db.useTransaction(tx -> tags.create(tx, Map.of("label", "t", "score", huge))))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.errors())
                      .singleElement()
                      .satisfies(
                          err -> {
                            assertThat(err.field()).isEqualTo("score");
                            assertThat(err.message()).contains("finite");
                          }));
    }
    assertThat(
            db.inTransaction(
                    (Transaction tx) ->
                        tags.create(tx, Map.of("label", "t", "score", "1.7976931348623157e308")))
                .score())
        .isEqualTo(Double.MAX_VALUE);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void textLengthCountsCharactersAndLoneSurrogatesAreRefused(TestDatabase kind) {
    Database db = ledger(kind);
    String emoji = "\uD83D\uDE00".repeat(200);
    Ledger row = create(db, emoji, "1");
    assertThat(db.inTransaction(tx -> LEDGER.get(tx, row.id())).orElseThrow().label())
        .isEqualTo(emoji);
    String accents = "e\u0301".repeat(100); // 200 code points, combining marks counted
    assertThat(create(db, accents, "1").label()).isEqualTo(accents);
    assertRefused(() -> create(db, emoji + "x", "1"), "label", "longer than 200 characters");
    assertRefused(() -> create(db, "ab\uD800cd", "1"), "label", "surrogate");
    assertRefused(() -> create(db, "\uDE00", "1"), "label", "surrogate");
    assertRefused(
        () -> db.useTransaction(tx -> LEDGER.update(tx, row.id(), Map.of("label", "x\uD83D"))),
        "label",
        "surrogate");
    assertThat(all(db)).hasSize(2);
    // Inside a JSON document too.
    SqlRepository<dev.svcinfra.sql.testmodels.Tag> tags =
        SqlRepository.of(dev.svcinfra.sql.testmodels.Tag.class);
    TestDatabase.create(db, TableMapping.of(dev.svcinfra.sql.testmodels.Tag.class).table());
    assertRefused(
        () ->
            db.useTransaction(
                tx ->
                    tags.create(
                        tx, Map.of("label", "t", "meta", Map.of("k", List.of("ok", "x\uDC00"))))),
        "meta",
        "surrogate");
    Map<String, Object> doc = Map.of("k", "\uD83D\uDE00");
    assertThat(
            db.inTransaction((Transaction tx) -> tags.create(tx, Map.of("label", "u", "meta", doc)))
                .meta())
        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(doc));
  }
}
