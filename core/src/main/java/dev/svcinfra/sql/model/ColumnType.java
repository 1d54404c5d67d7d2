package dev.svcinfra.sql.model;

import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.List;
import java.util.Objects;

/**
 * The portable type of a column. Each dialect turns it into its own SQL type name ({@code
 * Dialect.columnTypeSql}); the Java value that goes in or comes out is fixed per kind.
 *
 * <pre>{@code
 * ColumnType email = ColumnType.string(320);          // VARCHAR(320)
 * ColumnType price = ColumnType.decimal(12, 2);       // NUMERIC(12,2) / DECIMAL(12,2)
 * ColumnType state = ColumnType.enumOf(List.of("open", "closed"));   // stored as a string
 * }</pre>
 *
 * <p>{@code length} is meaningful for {@link Kind#STRING}, {@link Kind#BINARY} (0 = unbounded) and
 * {@link Kind#ENUM}; {@code precision}/{@code scale} for {@link Kind#DECIMAL}; {@code enumValues}
 * for {@link Kind#ENUM}.
 *
 * @since 0.1
 */
public record ColumnType(Kind kind, int length, int precision, int scale, List<String> enumValues) {

  /** The portable kinds of column. */
  public enum Kind {
    /** Bounded text, {@code VARCHAR(length)}; Java {@code String}. */
    STRING,
    /** Unbounded text; Java {@code String}. */
    TEXT,
    /** 16-bit integer; Java {@code Short}. */
    SMALLINT,
    /** 32-bit integer; Java {@code Integer}. */
    INTEGER,
    /** 64-bit integer; Java {@code Long}. */
    BIGINT,
    /**
     * Exact decimal of {@code precision} digits, {@code scale} after the point; {@code BigDecimal}.
     */
    DECIMAL,
    /** 32-bit floating point; Java {@code Float}. */
    REAL,
    /** 64-bit floating point; Java {@code Double}. */
    DOUBLE,
    /** True or false; Java {@code Boolean}. */
    BOOLEAN,
    /** A UUID, native where the database has one, else 36 characters; Java {@code UUID}. */
    UUID,
    /** Calendar date; {@code LocalDate}. */
    DATE,
    /** Time of day; {@code LocalTime}. */
    TIME,
    /** Date and time without zone; {@code LocalDateTime}. */
    TIMESTAMP,
    /** An instant; {@code Instant} (stored as UTC where the database has no zoned type). */
    TIMESTAMP_TZ,
    /** Bytes; {@code byte[]}. */
    BINARY,
    /** A JSON document; its text in and out of the database. */
    JSON,
    /** One of {@code enumValues}, stored as its name in a string column. */
    ENUM
  }

  /** Default length of {@link #string()} columns. */
  public static final int DEFAULT_STRING_LENGTH = 255;

  /** Default precision and scale of {@link #decimal()} columns. */
  public static final int DEFAULT_PRECISION = 19;

  public static final int DEFAULT_SCALE = 2;

  public ColumnType {
    Objects.requireNonNull(kind, "kind");
    enumValues = List.copyOf(enumValues);
    if (kind == Kind.STRING && length < 1) {
      throw new IllegalArgumentException(
          "a STRING column needs a length of at least 1, got " + length);
    }
    if (kind == Kind.DECIMAL && (precision < 1 || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException(
          "DECIMAL("
              + precision
              + ", "
              + scale
              + ") is not valid: precision at least 1, scale between 0 and precision");
    }
    if (kind == Kind.ENUM && enumValues.isEmpty()) {
      throw new IllegalArgumentException("an ENUM column needs at least one value");
    }
  }

  public static ColumnType of(Kind kind) {
    return switch (kind) {
      case STRING -> string();
      case DECIMAL -> decimal();
      case ENUM ->
          throw new IllegalArgumentException("an ENUM column needs its values: use enumOf");
      default -> new ColumnType(kind, 0, 0, 0, List.of());
    };
  }

  /**
   * The type of the column {@code column} of the model class {@code model} (an {@code @Table}
   * record or class), for binding hand-written SQL as the model's own writes are bound.
   *
   * @throws IllegalArgumentException when the model maps no such column
   */
  public static ColumnType of(Class<?> model, String column) {
    return TableMapping.of(model)
        .column(column)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    model.getSimpleName() + " maps no column named '" + column + "'"))
        .type();
  }

  public static ColumnType string() {
    return string(DEFAULT_STRING_LENGTH);
  }

  public static ColumnType string(int length) {
    return new ColumnType(Kind.STRING, length, 0, 0, List.of());
  }

  public static ColumnType decimal() {
    return decimal(DEFAULT_PRECISION, DEFAULT_SCALE);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(Kind.DECIMAL, 0, precision, scale, List.of());
  }

  public static ColumnType binary(int length) {
    return new ColumnType(Kind.BINARY, length, 0, 0, List.of());
  }

  /** An enum column; its length is the longest value's (at least 32, so values can be added). */
  public static ColumnType enumOf(List<String> values) {
    int longest = values.stream().mapToInt(String::length).max().orElse(0);
    return new ColumnType(Kind.ENUM, Math.max(32, longest), 0, 0, values);
  }

  public boolean isInteger() {
    return kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
  }

  public boolean isText() {
    return kind == Kind.STRING || kind == Kind.TEXT || kind == Kind.ENUM;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STRING -> "STRING(" + length + ")";
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case ENUM -> "ENUM" + enumValues;
      case BINARY -> length > 0 ? "BINARY(" + length + ")" : "BINARY";
      default -> kind.name();
    };
  }
}
