package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How SQLite keeps {@code DECIMAL(p, s)} exactly: as the 64-bit integer of the value's unscaled
 * digits ({@code 12.34} in {@code DECIMAL(19, 2)} is stored as {@code 1234}).
 *
 * <p>Why (issue 16): SQLite has no decimal type. A {@code NUMERIC} column converts every value to a
 * binary double, which keeps 15 significant digits: {@code 0.1 + 0.2} is not {@code 0.3}, {@code
 * 12345678901234567.89} comes back as {@code ...568.00}, keyset paging over such a column returns
 * rows twice. The build of SQLite inside sqlite-jdbc has no decimal extension, and a text encoding
 * would break what SQL itself does with the column ({@code balance + ?}, {@code CHECK (balance >=
 * 0)}). A scaled integer keeps every digit, and SQLite's integer arithmetic, ordering, equality and
 * sign are exact on it, so ORDER BY, keyset cursors, filters, {@code balance = balance + ?} with a
 * bound value and {@code CHECK (balance >= 0)} all work. What changes for hand-written SQL: a
 * literal other than 0 compared with the column must be scaled too ({@code balance >= 100} means
 * 1.00 in scale 2); values bound through the dialect with the column's type are scaled by it.
 *
 * <p>The declared type {@code DECIMAL_AS_INTEGER(p, s)} has INTEGER affinity (it contains "INT")
 * and keeps precision and scale readable for reflection. A named column CHECK {@code
 * "decimal(col)"} makes the database itself refuse anything but an integer within the precision,
 * also when hand-written SQL overflows ({@code 9223372036854775807 + 1} becomes a floating-point
 * number in SQLite). The range is the precision's, capped at 64 bits: for {@code p >= 19} the
 * largest value is {@code 9223372036854775807} scaled (92233720368547758.07 in scale 2); a larger
 * value is refused like any other that does not fit.
 */
final class SqliteDecimals {
  private SqliteDecimals() {}

  /** The declared type name; contains "INT", so the column has INTEGER affinity. */
  static final String TYPE_NAME = "DECIMAL_AS_INTEGER";

  private static final Pattern DECLARED =
      Pattern.compile("(?i)^\\s*" + TYPE_NAME + "\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  /** The message of a failed column check: "CHECK constraint failed: decimal(balance)". */
  private static final Pattern FAILED =
      Pattern.compile("CHECK constraint failed: decimal\\((.+?)\\)(?:$|[\\s)])");

  static String typeSql(ColumnType type) {
    return TYPE_NAME + "(" + type.precision() + ", " + type.scale() + ")";
  }

  /** The type a declared {@code DECIMAL_AS_INTEGER(p, s)} stands for, if it is one. */
  static Optional<ColumnType> declared(String declaredType) {
    Matcher m = declaredType == null ? null : DECLARED.matcher(declaredType);
    if (m == null || !m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        ColumnType.decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
  }

  /** The largest stored (unscaled) value: the precision's, capped at 64 bits. */
  static long maxUnscaled(ColumnType type) {
    return type.precision() >= 19
        ? Long.MAX_VALUE
        : BigInteger.TEN.pow(type.precision()).longValueExact() - 1;
  }

  /** The column's own CHECK: an integer (or NULL) within the precision. */
  static String checkClause(
      String quotedColumn, String columnName, ColumnType type, UnaryOperator<String> quote) {
    long max = maxUnscaled(type);
    return " CONSTRAINT "
        + quote.apply("decimal(" + columnName + ")")
        + " CHECK (typeof("
        + quotedColumn
        + ") IN ('integer', 'null') AND "
        + quotedColumn
        + " BETWEEN -"
        + max
        + " AND "
        + max
        + ")";
  }

  /**
   * The column with a numeric default scaled as it is stored ({@code DEFAULT 1.50} becomes {@code
   * DEFAULT 150}); any other default is left as written.
   */
  static Column withStoredDefault(Column c) {
    Optional<String> scaled =
        c.defaultSql()
            .flatMap(
                d -> {
                  String text = d.strip();
                  while (text.startsWith("(") && text.endsWith(")")) {
                    text = text.substring(1, text.length() - 1).strip();
                  }
                  try {
                    BigDecimal value = new BigDecimal(text.replace("'", ""));
                    return Optional.of(
                        value.movePointRight(c.type().scale()).toBigIntegerExact().toString());
                  } catch (NumberFormatException | ArithmeticException e) {
                    return Optional.empty();
                  }
                });
    if (scaled.isEmpty()) {
      return c;
    }
    return new Column(
        c.name(), c.type(), c.nullable(), scaled, c.identity(), c.comment(), c.previousNames());
  }

  /** Below this magnitude a double keeps a fraction: it never rounds to a whole number. */
  private static final BigDecimal FRACTION_SAFE = BigDecimal.valueOf(1L << 52);

  /**
   * Binds a decimal as its scaled integer. A value that is not a whole number once scaled (or
   * exceeds 64 bits) does not fit the column; the repository refuses it before any statement.
   * Should one still be bound (hand-written SQL), it must not become a valid stored value: a small
   * one is bound as a double, which keeps its fraction, compares numerically among the stored
   * integers and is refused by the column's CHECK in a write; a large one, which a double could
   * round to a whole number, is bound as non-numeric text, which the CHECK refuses too.
   */
  static void bind(PreparedStatement ps, int index, BigDecimal value, ColumnType type)
      throws SQLException {
    BigDecimal scaled = value.movePointRight(type.scale());
    // Integer digits, computed without expanding a huge exponent such as 1e400.
    long digits = (long) scaled.precision() - scaled.scale();
    if (digits <= 19) {
      try {
        ps.setLong(index, scaled.longValueExact());
        return;
      } catch (ArithmeticException notWholeOrTooLarge) {
        // falls through: not a value of the column
      }
    }
    if (digits <= 16 && scaled.abs().compareTo(FRACTION_SAFE) < 0) {
      ps.setDouble(index, scaled.doubleValue());
    } else {
      ps.setString(
          index, "not a DECIMAL(" + type.precision() + ", " + type.scale() + "): " + value);
    }
  }

  static BigDecimal read(ResultSet rs, int index, ColumnType type) throws SQLException {
    Object stored = rs.getObject(index);
    if (stored == null) {
      return null;
    }
    if (isLegacy(rs.getMetaData().getColumnTypeName(index))) {
      // A column of a table created before decimals were stored scaled: its 10 means 10, not
      // 0.10. Reading (or writing, whose RETURNING reads) it would corrupt money silently.
      throw new SQLException(
          "the DECIMAL column is declared "
              + rs.getMetaData().getColumnTypeName(index)
              + ", which SQLite stores as binary floating point; migrate "
              + "it to "
              + TYPE_NAME
              + " (docs/data-layer.md, exact decimals on SQLite)",
          "HY000");
    }
    if (stored instanceof Long || stored instanceof Integer) {
      return BigDecimal.valueOf(((Number) stored).longValue(), type.scale());
    }
    // Only a table created before decimals were stored this way (or written by hand around
    // the column's CHECK) holds anything else; reading it as if it were exact would be a lie.
    throw new SQLException(
        "a DECIMAL column holds "
            + stored.getClass().getSimpleName()
            + " "
            + stored
            + ", not the scaled integer "
            + TYPE_NAME
            + " stores; migrate the table "
            + "(docs/data-layer.md, exact decimals on SQLite)",
        "HY000");
  }

  /**
   * Whether a column's declared type (as sqlite-jdbc reports it, without the parentheses) is a
   * NUMERIC or DECIMAL column of an older schema. An expression reports its value's type (INTEGER),
   * so computed decimals are read as usual.
   */
  static boolean isLegacy(String declaredType) {
    if (declaredType == null) {
      return false;
    }
    String t = declaredType.strip().toUpperCase(Locale.ROOT);
    return t.startsWith("NUMERIC") || (t.startsWith("DECIMAL") && !t.startsWith(TYPE_NAME));
  }

  /** The column whose decimal CHECK failed, from SQLite's message. */
  static Optional<String> failedColumn(String message) {
    Matcher m = FAILED.matcher(message);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
