package dev.svcinfra.sql.model.internal;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ValueLimits;
import java.lang.invoke.MethodHandle;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One field of a model bound to its column: the {@link Column}, the field's Java type, a
 * precomputed accessor, and the conversions between the field's value and the column's canonical
 * value (what the dialect binds and reads: {@code String} for text, enum and JSON, {@code Long} for
 * BIGINT, {@code Instant} for TIMESTAMP_TZ, and so on).
 *
 * <pre>{@code
 * MappedColumn email = TableMapping.of(User.class).column("email").orElseThrow();
 * Object bound = email.toDatabase(email.coerce("a@example.com"));
 * }</pre>
 *
 * @since 0.1
 */
public final class MappedColumn {
  private final Column column;
  private final String fieldName;
  private final Class<?> javaType;
  private final int position;
  private final MethodHandle getter;
  private final JavaValueConverter converter;

  MappedColumn(
      Column column, String fieldName, Class<?> javaType, int position, MethodHandle getter) {
    this.column = column;
    this.fieldName = fieldName;
    this.javaType = javaType;
    this.position = position;
    this.getter = getter;
    this.converter = new JavaValueConverter(javaType, column.type());
  }

  public Column column() {
    return column;
  }

  public String name() {
    return column.name();
  }

  public ColumnType type() {
    return column.type();
  }

  /** The Java field (or record component) name. */
  public String fieldName() {
    return fieldName;
  }

  public Class<?> javaType() {
    return javaType;
  }

  /** Position of this column in {@link TableMapping#columns()} and in a row's value array. */
  public int position() {
    return position;
  }

  /** The field's value in {@code row}. */
  public Object get(Object row) {
    try {
      return getter.invokeExact(row);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read " + fieldName + ": " + t, t);
    }
  }

  /** A field value as the column's canonical value. */
  public Object toDatabase(Object javaValue) {
    return converter.toDatabase(javaValue);
  }

  /** A canonical column value as the field's Java value. */
  public Object toJava(Object canonical) {
    return converter.toJava(canonical);
  }

  /**
   * Loose input (from a JSON body or a query string) as the field's Java type.
   *
   * @throws IllegalArgumentException whose message says what is expected
   */
  public Object coerce(Object input) {
    return converter.coerce(input);
  }

  /**
   * The Java value as this column stores it exactly: a decimal at the column's scale ({@code 1.5}
   * as {@code 1.50}); anything else unchanged.
   *
   * @throws dev.svcinfra.sql.ValidationException naming this column when the value does not fit
   *     (more digits than the precision or scale allows, text longer than the column, a lone
   *     surrogate): it is refused, never rounded or truncated
   */
  public Object fit(Object javaValue) {
    Optional<String> problem = Optional.empty();
    ColumnType type = column.type();
    if (javaValue instanceof BigDecimal d && type.kind() == ColumnType.Kind.DECIMAL) {
      problem = ValueLimits.decimalProblem(d, type.precision(), type.scale());
      if (problem.isEmpty()) {
        return d.scale() == type.scale() ? d : ValueLimits.toScale(d, type.scale());
      }
    } else if (javaValue instanceof String s) {
      problem =
          ValueLimits.textProblem(s, type.kind() == ColumnType.Kind.STRING ? type.length() : 0);
    } else if (javaValue != null && type.kind() == ColumnType.Kind.JSON) {
      // A document's strings reach the database inside its text: a lone surrogate there would
      // be stored as '?' just the same.
      problem = ValueLimits.textProblem((String) converter.toDatabase(javaValue), 0);
    }
    if (problem.isPresent()) {
      throw dev.svcinfra.sql.ValidationException.of(
          column.name(), dev.svcinfra.sql.FieldError.INVALID_VALUE, problem.get());
    }
    return javaValue;
  }

  /** What a valid value looks like ("a whole number", "a UUID"), for error messages. */
  public String expected() {
    return converter.expected();
  }

  @Override
  public String toString() {
    return fieldName + " -> " + column.name() + " " + column.type();
  }
}
