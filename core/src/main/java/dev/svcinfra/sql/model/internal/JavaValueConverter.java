package dev.svcinfra.sql.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.sql.model.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts between a field's Java type and the canonical value of its {@link ColumnType.Kind} (see
 * {@link MappedColumn#toDatabase}), and coerces loosely typed input (JSON bodies, query strings)
 * into the field's type. One instance per field, chosen once when the model is read.
 */
final class JavaValueConverter {
  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final Class<?> javaType;
  private final ColumnType columnType;

  JavaValueConverter(Class<?> javaType, ColumnType columnType) {
    this.javaType = boxed(javaType);
    this.columnType = columnType;
  }

  /** The portable kind a Java type maps to when {@code @Column(type=..)} does not say. */
  static ColumnType derive(Class<?> raw, int length, int precision, int scale) {
    Class<?> t = boxed(raw);
    if (t == String.class) {
      return ColumnType.string(length > 0 ? length : ColumnType.DEFAULT_STRING_LENGTH);
    }
    if (t == BigDecimal.class) {
      return ColumnType.decimal(
          precision > 0 ? precision : ColumnType.DEFAULT_PRECISION,
          scale >= 0 ? scale : ColumnType.DEFAULT_SCALE);
    }
    if (t.isEnum()) {
      return ColumnType.enumOf(
          Arrays.stream(t.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
    }
    if (t == byte[].class) {
      return ColumnType.binary(Math.max(0, length));
    }
    ColumnType.Kind kind = kindOf(t);
    if (kind == null) {
      throw new IllegalArgumentException(
          "no column type for Java type "
              + raw.getName()
              + "; supported: String, short, int, long, BigDecimal, float, double, boolean, UUID, "
              + "enums, LocalDate, LocalTime, LocalDateTime, Instant, OffsetDateTime, byte[], Map, "
              + "List, JsonNode");
    }
    return ColumnType.of(kind);
  }

  private static ColumnType.Kind kindOf(Class<?> t) {
    if (t == Short.class) return ColumnType.Kind.SMALLINT;
    if (t == Integer.class) return ColumnType.Kind.INTEGER;
    if (t == Long.class) return ColumnType.Kind.BIGINT;
    if (t == Float.class) return ColumnType.Kind.REAL;
    if (t == Double.class) return ColumnType.Kind.DOUBLE;
    if (t == Boolean.class) return ColumnType.Kind.BOOLEAN;
    if (t == UUID.class) return ColumnType.Kind.UUID;
    if (t == LocalDate.class) return ColumnType.Kind.DATE;
    if (t == LocalTime.class) return ColumnType.Kind.TIME;
    if (t == LocalDateTime.class) return ColumnType.Kind.TIMESTAMP;
    if (t == Instant.class || t == OffsetDateTime.class) return ColumnType.Kind.TIMESTAMP_TZ;
    if (Map.class.isAssignableFrom(t)
        || List.class.isAssignableFrom(t)
        || JsonNode.class.isAssignableFrom(t)) {
      return ColumnType.Kind.JSON;
    }
    return null;
  }

  /** Whether an explicit kind fits this Java type (TEXT or JSON for a String, say). */
  static boolean fits(Class<?> raw, ColumnType.Kind kind) {
    Class<?> t = boxed(raw);
    if (t == String.class) {
      return kind == ColumnType.Kind.STRING
          || kind == ColumnType.Kind.TEXT
          || kind == ColumnType.Kind.JSON;
    }
    ColumnType derived = derive(raw, 0, 0, -1);
    return derived.kind() == kind;
  }

  /** The Java value as the canonical value of the column kind, for binding. */
  Object toDatabase(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (columnType.kind() == ColumnType.Kind.JSON && !(value instanceof String)) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
      }
    }
    return value;
  }

  /** The canonical database value as this field's Java type. */
  Object toJava(Object canonical) {
    if (canonical == null
        || (javaType.isInstance(canonical) && !(canonical instanceof BigDecimal))) {
      return canonical;
    }
    try {
      if (javaType.isEnum()) {
        return enumValue((String) canonical);
      }
      if (javaType == OffsetDateTime.class) {
        return ((Instant) canonical).atOffset(ZoneOffset.UTC);
      }
      if (javaType == BigDecimal.class) {
        BigDecimal d = (BigDecimal) canonical;
        // Embedded databases may hand back 10.5 for NUMERIC(19,2) 10.50: restore the scale.
        return d.scale() == columnType.scale()
            ? d
            : d.setScale(columnType.scale(), RoundingMode.HALF_EVEN);
      }
      if (columnType.kind() == ColumnType.Kind.JSON) {
        return JSON.readValue((String) canonical, javaType);
      }
      return coerceScalar(canonical);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the database holds invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Loose input (what a JSON body or query string carries) as this field's type.
   *
   * @throws IllegalArgumentException saying what was expected, when the value does not fit
   */
  Object coerce(Object input) {
    if (input == null || javaType.isInstance(input)) {
      return input;
    }
    if (columnType.kind() == ColumnType.Kind.JSON) {
      if (javaType == String.class) {
        return toDatabase(input);
      }
      return JSON.convertValue(input, javaType);
    }
    try {
      return coerceScalar(input);
    } catch (NumberFormatException
        | ArithmeticException
        | DateTimeParseException
        | ClassCastException e) {
      throw new IllegalArgumentException(expected());
    }
  }

  private Object coerceScalar(Object in) {
    Class<?> t = javaType;
    if (Number.class.isAssignableFrom(t)) {
      BigDecimal d =
          in instanceof Number n
              ? new BigDecimal(n.toString())
              : in instanceof String s ? new BigDecimal(s.trim()) : null;
      if (d == null) {
        throw new IllegalArgumentException(expected());
      }
      if (t == Short.class) return d.shortValueExact();
      if (t == Integer.class) return d.intValueExact();
      if (t == Long.class) return d.longValueExact();
      // A number beyond the floating-point range would become Infinity: refused, not altered.
      if (t == Float.class) return finite(d.floatValue());
      if (t == Double.class) return finite(d.doubleValue());
      if (t == BigDecimal.class) return d;
    }
    if (t == Boolean.class) {
      if (in instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(s);
      }
      if (in instanceof Number n && (n.intValue() == 0 || n.intValue() == 1)) {
        return n.intValue() == 1;
      }
      throw new IllegalArgumentException(expected());
    }
    if (!(in instanceof String s)) {
      if (t == OffsetDateTime.class && in instanceof Instant i) {
        return i.atOffset(ZoneOffset.UTC);
      }
      if (t == Instant.class && in instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      throw new IllegalArgumentException(expected());
    }
    if (t.isEnum()) return enumValue(s);
    if (t == UUID.class) return UUID.fromString(s);
    if (t == LocalDate.class) return LocalDate.parse(s);
    if (t == LocalTime.class) return LocalTime.parse(s);
    if (t == LocalDateTime.class) return LocalDateTime.parse(s);
    if (t == Instant.class) return OffsetDateTime.parse(s).toInstant();
    if (t == OffsetDateTime.class) return OffsetDateTime.parse(s);
    if (t == byte[].class) return Base64.getDecoder().decode(s);
    throw new IllegalArgumentException(expected());
  }

  private Object finite(float f) {
    if (Float.isInfinite(f)) {
      throw new IllegalArgumentException(expected());
    }
    return f;
  }

  private Object finite(double d) {
    if (Double.isInfinite(d)) {
      throw new IllegalArgumentException(expected());
    }
    return d;
  }

  private Object enumValue(String name) {
    for (Object c : javaType.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return c;
      }
    }
    for (Object c : javaType.getEnumConstants()) {
      if (((Enum<?>) c).name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(expected());
  }

  /** What a valid value looks like, for validation messages. */
  String expected() {
    Class<?> t = javaType;
    if (t.isEnum()) return "one of " + columnType.enumValues();
    if (t == Short.class || t == Integer.class || t == Long.class) return "a whole number";
    if (t == Float.class || t == Double.class) return "a finite number";
    if (Number.class.isAssignableFrom(t)) return "a number";
    if (t == Boolean.class) return "true or false";
    if (t == UUID.class) return "a UUID";
    if (t == LocalDate.class) return "a date (YYYY-MM-DD)";
    if (t == LocalTime.class) return "a time (HH:MM:SS)";
    if (t == LocalDateTime.class) return "a date-time (YYYY-MM-DDTHH:MM:SS)";
    if (t == Instant.class || t == OffsetDateTime.class)
      return "a date-time with offset (ISO 8601)";
    if (t == byte[].class) return "base64 text";
    if (t == String.class) return "a string";
    return "a " + t.getSimpleName();
  }

  static Class<?> boxed(Class<?> t) {
    if (!t.isPrimitive()) return t;
    if (t == int.class) return Integer.class;
    if (t == long.class) return Long.class;
    if (t == short.class) return Short.class;
    if (t == boolean.class) return Boolean.class;
    if (t == double.class) return Double.class;
    if (t == float.class) return Float.class;
    throw new IllegalArgumentException("unsupported primitive " + t);
  }
}
