package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Request bodies of a {@link MongoResource} in, documents out. In: a JSON object checked against
 * the declared fields (every field error at once) and the tenant rule, turned into plain Java
 * values (integers stay integers, other numbers become doubles). Out: BSON values as JSON (dates as
 * ISO 8601 instants, ObjectIds as hex, decimals as exact numbers).
 */
final class MongoBodies {
  private final MongoResource resource;

  MongoBodies(MongoResource resource) {
    this.resource = resource;
  }

  /** The values of a create body; {@code tenant} is null for resources without one. */
  Map<String, Object> forCreate(JsonNode body, String tenant) {
    return values(body, tenant, true);
  }

  /** The values of an update body: declared fields all optional. */
  Map<String, Object> forUpdate(JsonNode body, String tenant) {
    return values(body, tenant, false);
  }

  private Map<String, Object> values(JsonNode body, String tenant, boolean create) {
    if (!(body instanceof ObjectNode object)) {
      throw new RequestRejectedException(
          ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (resource.tenantField != null && name.equals(resource.tenantField)) {
        // Naming your own tenant is harmless; naming another never reaches the database.
        if (!value.isTextual() || !value.asText().equals(tenant)) {
          errors.add(
              new FieldError(
                  name,
                  FieldError.NOT_ALLOWED,
                  "is set from the request's tenant and cannot name another"));
        }
        continue;
      }
      if (resource.declared()) {
        MongoField field = resource.fields.get(name);
        boolean idOnCreate = create && name.equals("id");
        if (!idOnCreate && (field == null || (!create && resource.immutable.contains(name)))) {
          errors.add(
              new FieldError(name, FieldError.UNKNOWN_FIELD, "is not a field of this request"));
          continue;
        }
        if (value.isNull() && field != null && field.isRequired()) {
          errors.add(new FieldError(name, FieldError.REQUIRED, "is required and must not be null"));
          continue;
        }
        if (!value.isNull() && field != null && !field.type().accepts(value)) {
          errors.add(
              new FieldError(
                  name, FieldError.INVALID_TYPE, "expected a JSON " + field.type().jsonType));
          continue;
        }
      }
      values.put(name, toJava(name, value, errors));
    }
    if (create && resource.declared()) {
      resource.fields.values().stream()
          .filter(MongoField::isRequired)
          .filter(f -> !object.has(f.name()))
          .forEach(f -> errors.add(new FieldError(f.name(), FieldError.REQUIRED, "is required")));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return values;
  }

  private static Object toJava(String path, JsonNode value, List<FieldError> errors) {
    if (value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      if (value.canConvertToInt()) {
        return value.intValue();
      }
      if (value.canConvertToLong()) {
        return value.longValue();
      }
      errors.add(new FieldError(path, FieldError.INVALID_VALUE, "is outside the 64-bit range"));
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        list.add(toJava(path + "." + i, value.get(i), errors));
      }
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      // Nested names are checked like top-level ones: $ and dots would act as operators or paths.
      if (key.isEmpty() || key.startsWith("$") || key.indexOf('.') >= 0) {
        errors.add(
            new FieldError(
                path + "." + key,
                FieldError.INVALID_VALUE,
                "field names must be non-empty, not start with $ and contain no dot"));
        continue;
      }
      map.put(key, toJava(path + "." + key, e.getValue(), errors));
    }
    return map;
  }

  /** A document as JSON. */
  static JsonNode toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = JsonCodec.MAPPER.createObjectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
      return node;
    }
    if (value instanceof List<?> list) {
      ArrayNode node = JsonCodec.MAPPER.createArrayNode();
      list.forEach(v -> node.add(toJson(v)));
      return node;
    }
    Object plain =
        value instanceof Date d
            ? d.toInstant().toString()
            : value instanceof ObjectId id
                ? id.toHexString()
                : value instanceof Decimal128 dec
                    ? dec.bigDecimalValue()
                    : value instanceof Binary bin
                        ? Base64.getEncoder().encodeToString(bin.getData())
                        : value instanceof UUID uuid ? uuid.toString() : value;
    if (plain == null
        || plain instanceof String
        || plain instanceof Number
        || plain instanceof Boolean) {
      return JsonCodec.MAPPER.valueToTree(plain);
    }
    // Other BSON types (timestamps, regexes, code) have no JSON twin; their text is shown.
    return JsonCodec.MAPPER.getNodeFactory().textNode(plain.toString());
  }
}
