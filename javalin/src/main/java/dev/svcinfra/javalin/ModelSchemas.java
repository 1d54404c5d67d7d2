package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas (OpenAPI 3.1 dialect) of one resource's shapes: types, formats, lengths, enums,
 * nullability, required fields and an example per property.
 */
final class ModelSchemas {
  private final SqlResource<?> resource;

  ModelSchemas(SqlResource<?> resource) {
    this.resource = resource;
  }

  ObjectNode read() {
    ObjectNode s = object(resource.schema.read(), true);
    ArrayNode required = s.putArray("required");
    resource.schema.read().forEach(c -> required.add(c.name()));
    return s;
  }

  ObjectNode create() {
    ObjectNode s = object(resource.schema.create(), false);
    ArrayNode required = s.putArray("required");
    resource.schema.create().stream()
        .filter(resource.schema::requiredOnCreate)
        .forEach(c -> required.add(c.name()));
    return s;
  }

  ObjectNode update() {
    ObjectNode s = object(resource.schema.update(), false);
    resource
        .mapping
        .version()
        .ifPresent(
            v ->
                ((ObjectNode) s.with("properties").get(v.name()))
                    .put(
                        "description",
                        "The version you read. Checked, never written: another stored "
                            + "version refuses the change with 409."));
    return s;
  }

  /**
   * The PUT body: the update fields, every one required (a nullable one may be null), the version
   * of a versioned model optional as on PATCH.
   */
  ObjectNode replace() {
    ObjectNode s = update();
    ArrayNode required = s.putArray("required");
    resource.schema.update().stream()
        .filter(resource.schema::requiredOnReplace)
        .forEach(c -> required.add(c.name()));
    return s;
  }

  static ObjectNode page(ObjectNode itemRef) {
    ObjectNode s = JsonCodec.MAPPER.createObjectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    ObjectNode total = p.putObject("total");
    total.putArray("type").add("integer").add("null");
    total
        .put("minimum", 0)
        .put("description", "Matching rows: counted, estimated or null, as total_kind says.");
    ObjectNode kind = p.putObject("total_kind").put("type", "string");
    ListCount.VALUES.forEach(kind.putArray("enum")::add);
    kind.put(
        "description",
        "exact: counted; planned: the query planner's estimate; none: not counted (total null).");
    p.putObject("items").put("type", "array").set("items", itemRef);
    p.putObject("limit").put("type", "integer");
    p.putObject("offset").put("type", "integer");
    p.putObject("next_cursor").putArray("type").add("string").add("null");
    s.putArray("required").add("total").add("items").add("limit").add("offset");
    return s;
  }

  private static ObjectNode object(List<MappedColumn> columns, boolean reading) {
    ObjectNode s = JsonCodec.MAPPER.createObjectNode().put("type", "object");
    if (!reading) {
      s.put("additionalProperties", false);
    }
    ObjectNode props = s.putObject("properties");
    columns.forEach(c -> props.set(c.name(), columnSchema(c, c.column().nullable())));
    return s;
  }

  /** The schema of one column's JSON value. */
  static ObjectNode columnSchema(MappedColumn c, boolean nullable) {
    ObjectNode s = JsonCodec.MAPPER.createObjectNode();
    ColumnType t = c.type();
    String type =
        switch (t.kind()) {
          case SMALLINT, INTEGER, BIGINT -> "integer";
          case DECIMAL, REAL, DOUBLE -> "number";
          case BOOLEAN -> "boolean";
          case JSON -> null;
          default -> "string";
        };
    if (type != null) {
      if (nullable) {
        s.putArray("type").add(type).add("null");
      } else {
        s.put("type", type);
      }
    }
    switch (t.kind()) {
      case SMALLINT, INTEGER -> s.put("format", "int32");
      case BIGINT -> s.put("format", "int64");
      case REAL -> s.put("format", "float");
      case DOUBLE -> s.put("format", "double");
      case DECIMAL -> {
        // The column's exact range: values beyond it are a 422, never rounded (issue 16).
        BigDecimal bound = BigDecimal.ONE.movePointRight(t.precision() - t.scale());
        s.put("multipleOf", BigDecimal.ONE.movePointLeft(t.scale()));
        s.put("exclusiveMaximum", bound);
        s.put("exclusiveMinimum", bound.negate());
      }
      case UUID -> s.put("format", "uuid");
      case DATE -> s.put("format", "date");
      case TIME -> s.put("format", "time");
      case TIMESTAMP, TIMESTAMP_TZ -> s.put("format", "date-time");
      case BINARY -> s.put("contentEncoding", "base64");
      case STRING -> s.put("maxLength", t.length());
      case ENUM -> {
        ArrayNode values = s.putArray("enum");
        t.enumValues().forEach(values::add);
        if (nullable) {
          values.addNull();
        }
      }
      default -> {}
    }
    s.putArray("examples").add(ColumnJson.toJson(c, example(c)));
    return s;
  }

  private static Object example(MappedColumn c) {
    ColumnType t = c.type();
    return switch (t.kind()) {
      case SMALLINT, INTEGER, BIGINT -> 1;
      case DECIMAL -> BigDecimal.TEN.setScale(t.scale());
      case REAL, DOUBLE -> 1.5;
      case BOOLEAN -> true;
      case UUID -> "3fa85f64-5717-4562-b3fc-2c963f66afa6";
      case DATE -> "2026-01-31";
      case TIME -> "12:30:00";
      case TIMESTAMP -> "2026-01-31T12:30:00";
      case TIMESTAMP_TZ -> "2026-01-31T12:30:00Z";
      case ENUM -> t.enumValues().get(0);
      case JSON -> Map.of("key", "value");
      case BINARY -> "aGVsbG8=";
      default -> c.name().contains("email") ? "user@example.com" : "text";
    };
  }
}
