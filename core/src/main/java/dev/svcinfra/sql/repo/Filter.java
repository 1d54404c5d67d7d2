package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.model.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One typed condition on a field, for lists and counts: equal, not equal, a range bound, one of a
 * list, null or not, or a text prefix ignoring case. Values are coerced by the column's type when
 * the repository runs the request; a value that does not fit is a {@link
 * dev.svcinfra.sql.ValidationException} naming the filter's {@link #parameter()}.
 *
 * <pre>{@code
 * ListRequest cheapOpen = ListRequest.builder()
 *     .where(Filter.of("price", Filter.Operator.LT, "20")).where("status", "open").build();
 * Page<Item> page = items.list(tx, cheapOpen);
 * }</pre>
 *
 * <p>The SQL compares the bare column ({@code "price" < ?}, {@code "status" IN (?, ?)}), so an
 * index on the column serves equality, ranges and lists (issue 21).
 *
 * @since 0.2
 */
public final class Filter {
  /**
   * The comparisons a filter makes. {@code NE} follows SQL: a row whose field is null is neither
   * equal nor unequal to a value, so it is not listed; ask for {@code IS_NULL} as well.
   *
   * @since 0.2
   */
  public enum Operator {
    /** Equal; text compares exactly (case, accents and width count). */
    EQ,
    /** Not equal (rows whose field is null are not listed). */
    NE,
    /** Greater than; text compares in the column's collation. Not for boolean, UUID or enum. */
    GT,
    /** Greater than or equal. */
    GTE,
    /** Less than. */
    LT,
    /** Less than or equal. */
    LTE,
    /** Equal to one of 1 to {@link #MAX_IN_VALUES} values. */
    IN,
    /** The field is null; takes no value. */
    IS_NULL,
    /** The field is not null; takes no value. */
    IS_NOT_NULL,
    /** A text field starts with the value, ignoring case as {@code q} does; text fields only. */
    PREFIX;

    /**
     * Whether this operator applies to a column of {@code type}: ranges not to booleans, UUIDs and
     * enums, whose order differs between databases (PostgreSQL orders an enum by declaration and
     * MariaDB's UUID type by its swapped time fields, SQLite compares both as text); the prefix to
     * text only; nothing but the null tests to JSON and binary columns.
     */
    public boolean appliesTo(ColumnType type) {
      ColumnType.Kind kind = type.kind();
      boolean opaque = kind == ColumnType.Kind.JSON || kind == ColumnType.Kind.BINARY;
      return switch (this) {
        case IS_NULL, IS_NOT_NULL -> true;
        case EQ, NE, IN -> !opaque;
        case GT, GTE, LT, LTE ->
            !opaque
                && kind != ColumnType.Kind.BOOLEAN
                && kind != ColumnType.Kind.UUID
                && kind != ColumnType.Kind.ENUM;
        case PREFIX -> kind == ColumnType.Kind.STRING || kind == ColumnType.Kind.TEXT;
      };
    }
  }

  /** The most values one {@link Operator#IN} filter may list. */
  public static final int MAX_IN_VALUES = 100;

  private final String field;
  private final Operator operator;
  private final List<Object> values;
  private final String parameter;

  private Filter(String field, Operator operator, List<Object> values, String parameter) {
    this.field = field;
    this.operator = operator;
    this.values = values;
    this.parameter = parameter;
  }

  /**
   * A condition on {@code field}. How many values an operator takes is checked when the request
   * runs, with the values themselves, so every problem is reported together.
   */
  public static Filter of(String field, Operator operator, Object... values) {
    return of(field, operator, Arrays.asList(values));
  }

  public static Filter of(String field, Operator operator, List<?> values) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(values, "values");
    // Null items stay (List.copyOf refuses them): they are reported as missing values.
    return new Filter(
        field, operator, Collections.unmodifiableList(new ArrayList<>(values)), field);
  }

  /** The same condition, reported in errors as {@code name} (the HTTP parameter it came from). */
  public Filter named(String name) {
    return new Filter(field, operator, values, Objects.requireNonNull(name, "name"));
  }

  public String field() {
    return field;
  }

  public Operator operator() {
    return operator;
  }

  /** The values as given, before coercion. */
  public List<Object> values() {
    return values;
  }

  /** The name errors give this filter: the field, unless {@link #named} said otherwise. */
  public String parameter() {
    return parameter;
  }

  @Override
  public String toString() {
    // Values stay out: they may be personal data, and toString ends up in logs.
    return "Filter[" + field + " " + operator + "]";
  }
}
