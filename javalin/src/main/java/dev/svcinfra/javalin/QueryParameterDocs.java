package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.repo.CountMode;
import dev.svcinfra.sql.repo.Filter;
import dev.svcinfra.sql.repo.Filter.Operator;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI side of {@link QueryParameters} (issue 21): one query parameter per filter field and
 * operator on the list operation, each with the column's type and format ({@code in} as a
 * comma-separated array, {@code is} as {@code null} or {@code not_null}), and the 422 that the
 * other operations of a resource answer to a query parameter.
 */
final class QueryParameterDocs {
  private QueryParameterDocs() {}

  static void add(ObjectNode paths, SqlResource<?> r) {
    QueryParameters q = r.queryParameters;
    // A resource without the list route (issue 21, item 4) has no list operation to describe.
    ObjectNode list =
        paths.get(r.prefix) == null ? null : (ObjectNode) paths.get(r.prefix).get("get");
    ArrayNode params =
        list == null ? JsonCodec.MAPPER.createArrayNode() : list.withArray("parameters");
    for (MappedColumn c : q.filterFields().values()) {
      for (Operator op : Operator.values()) {
        if (op != Operator.IS_NOT_NULL && op.appliesTo(c.type())) {
          params.add(parameter(c, op));
        }
      }
    }
    if (list != null) {
      counts(list, params, r.defaultCount, q.countParameter());
    }
    if (!q.refusesUnknown()) {
      return;
    }
    Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = paths.fields();
    while (it.hasNext()) {
      Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> path = it.next();
      if (!path.getKey().startsWith(r.prefix + "/{id}") && !path.getKey().equals(r.prefix)) {
        continue;
      }
      path.getValue()
          .fields()
          .forEachRemaining(
              op -> {
                boolean isList = path.getKey().equals(r.prefix) && op.getKey().equals("get");
                if (!isList && op.getValue() instanceof ObjectNode o && o.has("responses")) {
                  ObjectNode responses = o.with("responses");
                  if (!responses.has("422")) {
                    responses
                        .putObject("422")
                        .put("description", "Unprocessable Entity: a query parameter was sent")
                        .putObject("content")
                        .putObject(Problem.CONTENT_TYPE)
                        .set("schema", OpenApiDocument.ref("Problem"));
                  }
                }
              });
    }
  }

  /**
   * The count mode (issue 23): the {@code count} parameter, the {@code Prefer} header that may say
   * the same, and the {@code Preference-Applied} header of an answer to it.
   */
  private static void counts(
      ObjectNode list, ArrayNode params, CountMode defaultCount, boolean countParameter) {
    ObjectNode modes = OpenApiDocument.string();
    ListCount.VALUES.forEach(modes.putArray("enum")::add);
    modes.put("default", defaultCount.token());
    if (countParameter) {
      // Otherwise count is this resource's filter on its field count, documented as such.
      params.add(
          OpenApiDocument.query(
              ListCount.PARAMETER,
              "How total is counted: exact (COUNT, reads every matching row), planned (the query"
                  + " planner's estimate) or none (total null). Default here: "
                  + defaultCount.token()
                  + ".",
              modes));
    }
    ObjectNode prefer =
        params
            .addObject()
            .put("name", ListCount.PREFER)
            .put("in", "header")
            .put("required", false)
            .put(
                "description",
                "count=exact|planned|none, as the count parameter (PostgREST's form); other"
                    + " preferences are ignored. Sent with count, both must agree.");
    prefer.set("schema", OpenApiDocument.string());
    ObjectNode ok = (ObjectNode) list.path("responses").path("200");
    if (ok.isObject()) {
      ok.with("headers")
          .putObject(ListCount.PREFERENCE_APPLIED)
          .put("description", "count=<mode>, when the request sent Prefer: count=<mode>.")
          .set("schema", OpenApiDocument.string());
    }
  }

  private static ObjectNode parameter(MappedColumn c, Operator op) {
    String name = op == Operator.EQ ? c.name() : c.name() + "[" + QueryParameters.token(op) + "]";
    ObjectNode schema = ModelSchemas.columnSchema(c, false);
    schema.remove("examples");
    if (op == Operator.IN) {
      ObjectNode array = JsonCodec.MAPPER.createObjectNode().put("type", "array");
      array.put("minItems", 1).put("maxItems", Filter.MAX_IN_VALUES).set("items", schema);
      return OpenApiDocument.query(name, description(c, op), array)
          .put("style", "form")
          .put("explode", false);
    }
    if (op == Operator.IS_NULL) {
      ObjectNode is = JsonCodec.MAPPER.createObjectNode().put("type", "string");
      is.putArray("enum").add("null").add("not_null");
      return OpenApiDocument.query(name, description(c, op), is);
    }
    if (op == Operator.PREFIX) {
      schema.put("minLength", 1);
    }
    return OpenApiDocument.query(name, description(c, op), schema);
  }

  private static String description(MappedColumn c, Operator op) {
    String f = c.name();
    return switch (op) {
      case EQ -> f + " equals the value";
      case NE -> f + " differs from the value (rows where it is null are not listed)";
      case GT -> f + " is greater than the value";
      case GTE -> f + " is greater than or equal to the value";
      case LT -> f + " is less than the value";
      case LTE -> f + " is less than or equal to the value";
      case IN -> f + " equals one of the comma-separated values";
      case IS_NULL, IS_NOT_NULL -> f + " is null (null) or not (not_null)";
      case PREFIX -> f + " starts with the value, ignoring case; % and _ match literally";
    };
  }
}
