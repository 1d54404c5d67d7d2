package dev.svcinfra.sql.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a column can hold exactly: a decimal within its precision and scale, text within its length
 * counted in characters (Unicode code points) and free of lone surrogates. A value that does not
 * fit is refused, never rounded, truncated or replaced (issue 16: a transfer of 0.005 into a
 * scale-2 balance was rounded by the database and created money).
 *
 * <pre>{@code
 * ValueLimits.decimalProblem(new BigDecimal("0.005"), 19, 2); // "has more than 2 digits after the point"
 * ValueLimits.textProblem("\uD83D\uDE00".repeat(150), 200);  // empty: 150 characters
 * }</pre>
 *
 * @since 0.1
 */
public final class ValueLimits {
  private ValueLimits() {}

  /**
   * Why {@code value} does not fit {@code DECIMAL(precision, scale)}, or empty when it does.
   * Trailing zeros beyond the scale are accepted ({@code 1.500} is {@code 1.50}): they do not
   * change the value.
   */
  public static Optional<String> decimalProblem(BigDecimal value, int precision, int scale) {
    // stripTrailingZeros keeps the value; its scale is the number of significant fraction digits
    // (negative for 1E+3), computed without expanding huge exponents such as 1e400.
    if (value.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal exact = value.stripTrailingZeros();
    if (exact.scale() > scale) {
      return Optional.of(
          "has more than "
              + scale
              + " digit"
              + (scale == 1 ? "" : "s")
              + " after the point; it would be rounded, so it is refused");
    }
    long integerDigits = (long) exact.precision() - exact.scale();
    if (integerDigits > precision - scale) {
      return Optional.of(
          "is out of range: at most "
              + (precision - scale)
              + " digit"
              + (precision - scale == 1 ? "" : "s")
              + " before the point (a "
              + "DECIMAL("
              + precision
              + ", "
              + scale
              + "))");
    }
    return Optional.empty();
  }

  /**
   * {@code value} at the column's scale ({@code 1.5} as {@code 1.50}), after {@link
   * #decimalProblem} said it fits.
   *
   * @throws ArithmeticException when it does not fit
   */
  public static BigDecimal toScale(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.UNNECESSARY);
  }

  /**
   * Why {@code value} cannot be stored as text of at most {@code maxLength} characters (0: no
   * limit), or empty when it can. Length counts code points, so an emoji is one character, as
   * PostgreSQL and MariaDB count it; a lone surrogate has no UTF-8 encoding and would be stored as
   * {@code ?}, so it is refused.
   */
  public static Optional<String> textProblem(String value, int maxLength) {
    int at = loneSurrogate(value);
    if (at >= 0) {
      return Optional.of(
          "contains an unpaired UTF-16 surrogate at index " + at + " (not a Unicode character)");
    }
    if (maxLength > 0
        && value.length() > maxLength
        && value.codePointCount(0, value.length()) > maxLength) {
      return Optional.of("is longer than " + maxLength + " characters");
    }
    return Optional.empty();
  }

  /** Index of the first unpaired surrogate in {@code s}, or -1. */
  public static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
