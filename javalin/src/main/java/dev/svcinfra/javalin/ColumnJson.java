package dev.svcinfra.javalin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Converts one column's value between JSON and Java, strictly: each column kind accepts exactly one
 * JSON type (a string for text, UUIDs, dates and enums; an integral number for integers; a number
 * for decimals; a boolean for booleans; anything for JSON columns), so {@code "5"} is never read as
 * 5 nor 5 as {@code "5"}.
 */
final class ColumnJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private ColumnJson() {}

  /**
   * The Java value of a JSON value for {@code column}, or a field error. JSON null gives null;
   * whether null is allowed is the caller's rule.
   */
  static Object fromJson(MappedColumn column, JsonNode node) throws Invalid {
    if (node == null || node.isNull()) {
      return null;
    }
    ColumnType type = column.type();
    Object raw =
        switch (type.kind()) {
          case JSON -> node;
          case SMALLINT, INTEGER, BIGINT -> {
            require(node.isIntegralNumber(), column);
            yield node.bigIntegerValue();
          }
          case DECIMAL, REAL, DOUBLE -> {
            require(node.isNumber(), column);
            yield node.decimalValue();
          }
          case BOOLEAN -> {
            require(node.isBoolean(), column);
            yield node.booleanValue();
          }
          default -> {
            require(node.isTextual(), column);
            yield node.textValue();
          }
        };
    Object value;
    try {
      value =
          column.coerce(
              raw instanceof JsonNode n && column.javaType() != JsonNode.class
                  ? JsonCodec.MAPPER.treeToValue(n, Object.class)
                  : raw);
    } catch (ArithmeticException | IllegalArgumentException | JsonProcessingException e) {
      boolean range = type.isInteger() && raw instanceof BigInteger;
      throw new Invalid(
          new FieldError(
              column.name(),
              range ? FieldError.INVALID_VALUE : FieldError.INVALID_TYPE,
              range ? "is out of range for " + type : "expected " + column.expected()));
    }
    try {
      // The column's limits, as the repository checks them (issue 16): a decimal with more
      // digits than its precision or scale, text longer than the column in characters, a lone
      // surrogate are refused here, naming the field, instead of being rounded or replaced.
      return column.fit(value);
    } catch (ValidationException e) {
      throw new Invalid(e.errors().get(0));
    }
  }

  /** The JSON form of a Java field value of {@code column}. */
  static JsonNode toJson(MappedColumn column, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      if (column.type().kind() == ColumnType.Kind.JSON) {
        try {
          return JsonCodec.MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
          return NODES.textNode(s);
        }
      }
      return NODES.textNode(s);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Number
        || value instanceof Boolean
        || value instanceof byte[]
        || value instanceof Map<?, ?>
        || value instanceof Iterable<?>
        || value instanceof JsonNode) {
      return JsonCodec.MAPPER.valueToTree(value);
    }
    if (value instanceof Enum<?> e) {
      return NODES.textNode(e.name());
    }
    // UUID and java.time values: their toString is the ISO form the schemas promise.
    return NODES.textNode(value.toString());
  }

  /**
   * Writes what {@link #toJson} returns, straight to {@code g}: responses are rendered this way,
   * without a node per value. Text, decimals, booleans, enums, UUIDs and times (every column of a
   * typical row) are written directly; the rarer kinds go through {@link #toJson} so both forms
   * stay identical.
   */
  static void write(JsonGenerator g, MappedColumn column, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s && column.type().kind() != ColumnType.Kind.JSON) {
      g.writeString(s);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof String
        || value instanceof Number
        || value instanceof byte[]
        || value instanceof Map<?, ?>
        || value instanceof Iterable<?>
        || value instanceof JsonNode) {
      g.writeTree(toJson(column, value));
    } else if (value instanceof Enum<?> e) {
      g.writeString(e.name());
    } else {
      g.writeString(value.toString());
    }
  }

  private static void require(boolean ok, MappedColumn column) throws Invalid {
    if (!ok) {
      throw new Invalid(
          new FieldError(column.name(), FieldError.INVALID_TYPE, "expected " + jsonType(column)));
    }
  }

  /** What the JSON value must look like, in the words of the OpenAPI schema. */
  static String jsonType(MappedColumn column) {
    return switch (column.type().kind()) {
      case SMALLINT, INTEGER, BIGINT -> "a JSON integer";
      case DECIMAL, REAL, DOUBLE -> "a JSON number";
      case BOOLEAN -> "true or false";
      case JSON -> "JSON";
      default -> "a JSON string (" + column.expected() + ")";
    };
  }

  /** A field that failed conversion. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final transient FieldError error;

    Invalid(FieldError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }
}
