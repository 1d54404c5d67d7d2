package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabasePerKind;
import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Decimal storage at any precision and scale (issue 16), generated: for a random {@code DECIMAL(p,
 * s)} with p up to 38, the column the dialect creates stores every value that fits and reads it
 * back exactly, at the column's scale, on every database. On SQLite (a scaled 64-bit integer) a
 * value whose unscaled digits exceed 64 bits is refused by the column's own CHECK, naming the
 * column.
 */
class DecimalStoragePropertyTest {
  private static final Map<TestDatabase, Database> DATABASES = new EnumMap<>(TestDatabase.class);
  private static final Map<TestDatabase, Set<String>> CREATED = new EnumMap<>(TestDatabase.class);

  @BeforeContainer
  static void open() {
    for (TestDatabase kind : TestDatabase.values()) {
      DatabasePerKind.openIfPresent(kind).ifPresent(db -> DATABASES.put(kind, db));
      CREATED.put(kind, new HashSet<>());
    }
  }

  @AfterContainer
  static void close() {
    DATABASES.values().forEach(Database::close);
    DATABASES.clear();
  }

  record Case(int precision, int scale, BigDecimal value) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.integers()
        .between(1, 38)
        .flatMap(
            p ->
                Arbitraries.integers()
                    .between(0, p)
                    .flatMap(
                        s ->
                            Combinators.combine(
                                    Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(p),
                                    Arbitraries.integers().between(0, s),
                                    Arbitraries.of(1, -1))
                                .as(
                                    (digits, scale, sign) -> {
                                      // At most p - s digits before the point and s after it: the
                                      // value fits.
                                      String kept =
                                          digits.substring(
                                              0, Math.min(digits.length(), p - s + scale));
                                      BigDecimal v =
                                          kept.isEmpty()
                                              ? BigDecimal.ZERO
                                              : new BigDecimal(new BigInteger(kept), scale);
                                      return new Case(p, s, sign < 0 ? v.negate() : v);
                                    })));
  }

  private static Table table(Case c) {
    return Table.named("d_" + c.precision() + "_" + c.scale())
        .withColumns(List.of(Column.of("v", ColumnType.decimal(c.precision(), c.scale()))));
  }

  @Property(tries = 200)
  void everyValueThatFitsIsStoredExactly(@ForAll("cases") Case c, @ForAll TestDatabase kind) {
    Assume.that(DATABASES.containsKey(kind));
    Database db = DATABASES.get(kind);
    Table table = table(c);
    if (CREATED.get(kind).add(table.name())) {
      TestDatabase.create(db, table);
    }
    ColumnType type = table.columns().get(0).type();
    SqlStatement insert =
        new SqlStatement(
            "INSERT INTO " + table.name() + " (v) VALUES (?)",
            new Object[] {c.value()},
            new ColumnType[] {type},
            table);
    boolean beyond64Bits = c.value().setScale(c.scale()).unscaledValue().bitLength() > 63;
    if (kind == TestDatabase.SQLITE && beyond64Bits) {
      assertThatThrownBy(() -> db.useTransaction(tx -> tx.execute(insert)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("v"));
      return;
    }
    List<BigDecimal> read =
        db.inTransaction(
            (Transaction tx) -> {
              tx.execute("DELETE FROM " + table.name());
              tx.execute(insert);
              return tx.query(
                  new SqlStatement(
                      "SELECT v FROM " + table.name(), new Object[0], new ColumnType[0], table),
                  rs -> (BigDecimal) tx.dialect().read(rs, 1, type));
            });
    // Every database hands back the column's scale through the dialect: 1.5 in DECIMAL(5, 2)
    // is 1.50, digit for digit.
    assertThat(read)
        .as("%s in DECIMAL(%d, %d) on %s", c.value(), c.precision(), c.scale(), kind)
        .containsExactly(c.value().setScale(c.scale()));
  }
}
