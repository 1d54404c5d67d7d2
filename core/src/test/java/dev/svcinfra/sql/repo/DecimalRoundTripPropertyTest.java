package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabasePerKind;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ValueLimits;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Decimal round trip (issue 16), generated: for columns from {@code DECIMAL(1, 0)} to {@code
 * DECIMAL(38, 38)} on every database, a value that fits its column reads back exactly (at the
 * column's scale), and one that does not is refused naming the column, never altered. SQLite keeps
 * decimals as 64-bit scaled integers, so there a value beyond 64 bits of unscaled digits is refused
 * too (docs/data-layer.md).
 */
class DecimalRoundTripPropertyTest {
  @Table(name = "amounts")
  public record Amounts(
      @Id Long id,
      @Column(precision = 1, scale = 0) BigDecimal p1s0,
      @Column(precision = 1, scale = 1) BigDecimal p1s1,
      @Column(precision = 5, scale = 2) BigDecimal p5s2,
      @Column(precision = 12, scale = 6) BigDecimal p12s6,
      @Column(precision = 18, scale = 0) BigDecimal p18s0,
      @Column(precision = 18, scale = 18) BigDecimal p18s18,
      @Column(precision = 19, scale = 2) BigDecimal p19s2,
      @Column(precision = 28, scale = 10) BigDecimal p28s10,
      @Column(precision = 38, scale = 0) BigDecimal p38s0,
      @Column(precision = 38, scale = 38) BigDecimal p38s38) {}

  static final SqlRepository<Amounts> AMOUNTS = SqlRepository.of(Amounts.class);
  static final List<MappedColumn> COLUMNS =
      TableMapping.of(Amounts.class).columns().stream()
          .filter(c -> c != TableMapping.of(Amounts.class).id())
          .toList();
  private static DatabasePerKind databases;

  @BeforeContainer
  static void open() {
    databases = DatabasePerKind.withTables(Amounts.class);
  }

  @AfterContainer
  static void close() {
    if (databases != null) {
      databases.close();
    }
  }

  /** A column and a value of up to three more digits than it holds on either side. */
  record Case(MappedColumn column, BigDecimal value) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.of(COLUMNS)
        .flatMap(
            c -> {
              int p = c.type().precision();
              int s = c.type().scale();
              Arbitrary<Integer> scale = Arbitraries.integers().between(-2, s + 3);
              Arbitrary<String> digits =
                  Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(p + 4);
              return Combinators.combine(digits, scale, Arbitraries.of(1, -1))
                  .as(
                      (d, sc, sign) ->
                          new Case(
                              c,
                              new BigDecimal(new BigInteger(d), sc)
                                  .multiply(BigDecimal.valueOf(sign))));
            });
  }

  @Property(tries = 300)
  void valuesThatFitRoundTripExactlyAndOthersAreRefused(
      @ForAll("cases") Case c, @ForAll TestDatabase kind) {
    Assume.that(databases.has(kind));
    Database db = databases.get(kind);
    int scale = c.column().type().scale();
    boolean fits =
        ValueLimits.decimalProblem(c.value(), c.column().type().precision(), scale).isEmpty();
    boolean beyond64Bits = fits && c.value().setScale(scale).unscaledValue().bitLength() > 63;
    Amounts row;
    try {
      row =
          db.inTransaction(
              (Transaction tx) -> AMOUNTS.create(tx, Map.of(c.column().name(), c.value())));
    } catch (ValidationException e) {
      assertThat(e.errors())
          .singleElement()
          .satisfies(err -> assertThat(err.field()).isEqualTo(c.column().name()));
      if (fits && !(kind == TestDatabase.SQLITE && beyond64Bits)) {
        fail(c.value() + " fits " + c.column() + " but " + kind + " refused it: " + e.getMessage());
      }
      return;
    }
    assertThat(fits)
        .as("%s does not fit %s but %s accepted it", c.value(), c.column(), kind)
        .isTrue();
    BigDecimal expected = c.value().setScale(scale);
    assertThat(c.column().get(row)).as("returned on %s", kind).isEqualTo(expected);
    Amounts read = db.inTransaction((Transaction tx) -> AMOUNTS.get(tx, row.id())).orElseThrow();
    assertThat(c.column().get(read)).as("read back on %s", kind).isEqualTo(expected);
  }
}
