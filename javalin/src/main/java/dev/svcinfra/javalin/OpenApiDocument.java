package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.javalin.SqlResource.Operation;
import dev.svcinfra.sql.repo.ListRequest;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of the mounted resources: every route they mount, and only those, with
 * its parameters, request and response schemas (read, create, update, replace, page) and problem
 * responses, built once at start.
 */
final class OpenApiDocument {
  private final ObjectNode root = JsonCodec.MAPPER.createObjectNode();
  private final ObjectNode paths;
  private final ObjectNode schemas;
  private final String tenantHeader;
  private final OpenApiNames names;

  OpenApiDocument(String title, String version, String tenantHeader) {
    this.tenantHeader = tenantHeader;
    root.put("openapi", "3.1.0");
    root.putObject("info").put("title", title).put("version", version);
    paths = root.putObject("paths");
    ObjectNode components = root.putObject("components");
    schemas = components.putObject("schemas");
    schemas.set("Problem", problemSchema());
    schemas.set("FieldError", fieldErrorSchema());
    names = new OpenApiNames(schemas);
  }

  ObjectNode root() {
    return root;
  }

  /** Adds the {@code Idempotency-Key} components hand-written routes may refer to. */
  void idempotencyKeys() {
    IdempotencyDocs.components(root.with("components"));
  }

  /**
   * Adds a SQL resource, with only the routes it exposes; with {@code idempotencyKeys} its POST,
   * PUT and PATCH document {@code Idempotency-Key} (after {@link #idempotencyKeys()}).
   */
  void add(SqlResource<?> r, boolean idempotencyKeys) {
    ModelSchemas s = new ModelSchemas(r);
    OpenApiNames.Naming naming =
        add(
            new Described(
                r.name,
                r.prefix,
                r.tags,
                r.tenantScoped(),
                r.repository().orderFields(),
                r.repository().searchFields(),
                r.defaultOrder,
                ModelSchemas.columnSchema(r.idColumn, false),
                s.read(),
                s.create(),
                s.update(),
                r.exposes(Operation.REPLACE) ? s.replace() : null,
                "row",
                "% and _ match literally"),
            r.operations);
    EntityTagDocs.add(r, this::operation);
    if (r.restore) {
      restoreRoute(r, naming);
    }
    QueryParameterDocs.add(paths, r);
    if (idempotencyKeys) {
      operation(r.prefix, "post").ifPresent(op -> IdempotencyDocs.operation(op, "201"));
      for (String method : List.of("put", "patch")) {
        operation(r.prefix + "/{id}", method).ifPresent(op -> IdempotencyDocs.operation(op, "200"));
      }
    }
  }

  /** {@code POST prefix/{id}/restore}, listed only for a resource that enables it (issue 21). */
  private void restoreRoute(SqlResource<?> r, OpenApiNames.Naming naming) {
    ObjectNode path = paths.putObject(r.prefix + "/{id}/restore");
    path.putArray("parameters").add(idParameter(ModelSchemas.columnSchema(r.idColumn, false)));
    ObjectNode op = path.putObject("post");
    ArrayNode tags = op.putArray("tags");
    r.tags.forEach(tags::add);
    String tag = r.tags.get(0);
    op.put("summary", "Restore a deleted one of " + tag)
        .put("operationId", "restore_" + naming.operationSuffix());
    if (r.tenantScoped()) {
      op.withArray("parameters")
          .add(EntityTagDocs.header(tenantHeader, true, "The tenant the request acts for."));
      problems(op, 400);
    }
    respond(op, "200", "The restored row", ref(naming.schema()));
    EntityTagDocs.etagHeader(op, "200");
    problems(op, 404, 409, 503);
  }

  /** The operation {@code method} of {@code path} when the document has it. */
  Optional<ObjectNode> operation(String path, String method) {
    JsonNode item = paths.get(path);
    return item == null || !item.has(method)
        ? Optional.empty()
        : Optional.of((ObjectNode) item.get(method));
  }

  /**
   * What the document needs to know of a resource, whatever stores it: names, routes, the list
   * parameters' allowlists and the body schemas ({@code replace} null when there is no PUT).
   */
  record Described(
      String name,
      String prefix,
      List<String> tags,
      boolean tenantScoped,
      Collection<String> orderFields,
      Collection<String> searchFields,
      List<String> defaultOrder,
      ObjectNode idSchema,
      ObjectNode read,
      ObjectNode create,
      ObjectNode update,
      ObjectNode replace,
      String noun,
      String literalNote) {
    /** The same resource under another schema name (see {@link OpenApiNames}). */
    Described named(String schema) {
      return new Described(
          schema,
          prefix,
          tags,
          tenantScoped,
          orderFields,
          searchFields,
          defaultOrder,
          idSchema,
          read,
          create,
          update,
          replace,
          noun,
          literalNote);
    }
  }

  /** Adds a resource with the five default routes (list, create, get, update, delete). */
  void add(Described r) {
    add(
        r,
        EnumSet.of(
            Operation.LIST, Operation.GET, Operation.CREATE, Operation.UPDATE, Operation.DELETE));
  }

  /**
   * Adds the routes of {@code ops} and the schemas they use; a path none of them serves is left out
   * (it answers 404), so the document lists exactly what is mounted.
   */
  OpenApiNames.Naming add(Described given, Set<Operation> ops) {
    String tag = given.tags().get(0);
    Map<String, JsonNode> adds = new HashMap<>();
    adds.put("", given.read());
    adds.put("Create", given.create());
    adds.put("Update", given.update());
    if (given.replace() != null) {
      adds.put("Replace", given.replace());
    }
    OpenApiNames.Naming naming = names.reserve(tag, given.prefix(), given.name(), adds);
    Described r = given.named(naming.schema());
    String id = naming.operationSuffix();
    schemas.set(r.name(), r.read());

    if (ops.contains(Operation.LIST) || ops.contains(Operation.CREATE)) {
      ObjectNode collection = paths.putObject(r.prefix());
      if (ops.contains(Operation.LIST)) {
        list(collection, r, tag, id);
      }
      if (ops.contains(Operation.CREATE)) {
        schemas.set(r.name() + "Create", r.create());
        ObjectNode create =
            operation(collection, "post", r, "Create one of " + tag, "create_" + id);
        body(create, r.name() + "Create");
        respond(create, "201", "Created", ref(r.name()));
        problems(create, 409, 413, 422);
      }
    }

    Set<Operation> onItem =
        EnumSet.of(Operation.GET, Operation.REPLACE, Operation.UPDATE, Operation.DELETE);
    onItem.retainAll(ops);
    if (onItem.isEmpty()) {
      return naming;
    }
    ObjectNode item = paths.putObject(r.prefix() + "/{id}");
    item.putArray("parameters").add(idParameter(r.idSchema()));
    if (ops.contains(Operation.GET)) {
      ObjectNode get = operation(item, "get", r, "Get one of " + tag, "get_" + id);
      respond(get, "200", "The " + r.noun(), ref(r.name()));
      problems(get, 404);
    }
    if (ops.contains(Operation.REPLACE)) {
      if (r.replace() == null) {
        throw new IllegalStateException(r.prefix() + " has PUT but no replace schema");
      }
      schemas.set(r.name() + "Replace", r.replace());
      ObjectNode put = operation(item, "put", r, "Replace one of " + tag, "replace_" + id);
      body(put, r.name() + "Replace");
      respond(put, "200", "The replaced " + r.noun(), ref(r.name()));
      problems(put, 404, 409, 413, 422);
    }
    if (ops.contains(Operation.UPDATE)) {
      schemas.set(r.name() + "Update", r.update());
      ObjectNode patch = operation(item, "patch", r, "Change one of " + tag, "update_" + id);
      body(patch, r.name() + "Update");
      respond(patch, "200", "The changed " + r.noun(), ref(r.name()));
      problems(patch, 404, 409, 413, 422);
    }
    if (ops.contains(Operation.DELETE)) {
      ObjectNode delete = operation(item, "delete", r, "Delete one of " + tag, "delete_" + id);
      delete.with("responses").putObject("204").put("description", "Deleted");
      problems(delete, 404);
    }
    return naming;
  }

  /** The {@code {id}} path parameter. */
  private static ObjectNode idParameter(ObjectNode schema) {
    ObjectNode p =
        JsonCodec.MAPPER
            .createObjectNode()
            .put("name", "id")
            .put("in", "path")
            .put("required", true);
    p.set("schema", schema);
    return p;
  }

  /** The list route with its query parameters. */
  private void list(ObjectNode collection, Described r, String tag, String id) {
    schemas.set(r.name() + "Page", ModelSchemas.page(ref(r.name())));
    ObjectNode list = operation(collection, "get", r, "List " + tag, "list_" + id);
    ArrayNode params = list.withArray("parameters");
    params.add(
        query(
            "limit",
            "Page size, 1.." + ListRequest.MAX_LIMIT + ".",
            integer(1, ListRequest.MAX_LIMIT).put("default", ListRequest.DEFAULT_LIMIT)));
    params.add(query("offset", "Rows to skip.", integer(0, null).put("default", 0)));
    params.add(
        query(
            "order_by",
            "Comma-separated fields, '-' for descending. Allowed: "
                + String.join(", ", r.orderFields().stream().sorted().toList())
                + (r.defaultOrder().isEmpty()
                    ? ""
                    : ". Default: " + String.join(",", r.defaultOrder())),
            string()));
    params.add(
        query(
            "q",
            "Case-insensitive text contained in a search field; " + r.literalNote() + ".",
            string()));
    params.add(
        query(
            "fields",
            "Comma-separated search fields q looks in. Allowed: "
                + String.join(", ", r.searchFields().stream().sorted().toList()),
            string()));
    params.add(
        query("cursor", "Keyset paging: empty for the first slice, then next_cursor.", string()));
    respond(list, "200", "A page of " + tag, ref(r.name() + "Page"));
    problems(list, 422);
  }

  private ObjectNode operation(
      ObjectNode path, String method, Described r, String summary, String id) {
    ObjectNode op = path.putObject(method);
    ArrayNode tags = op.putArray("tags");
    r.tags().forEach(tags::add);
    op.put("summary", summary).put("operationId", id);
    if (r.tenantScoped()) {
      ObjectNode h =
          op.withArray("parameters")
              .addObject()
              .put("name", tenantHeader)
              .put("in", "header")
              .put("required", true)
              .put("description", "The tenant the request acts for.");
      h.set("schema", string().put("minLength", 1));
    }
    problems(op, 503);
    if (r.tenantScoped()) {
      problems(op, 400);
    }
    return op;
  }

  /** An optional query parameter with its description and schema. */
  static ObjectNode query(String name, String description, ObjectNode schema) {
    ObjectNode p =
        JsonCodec.MAPPER
            .createObjectNode()
            .put("name", name)
            .put("in", "query")
            .put("required", false)
            .put("description", description);
    p.set("schema", schema);
    return p;
  }

  private static void body(ObjectNode op, String schema) {
    op.putObject("requestBody")
        .put("required", true)
        .putObject("content")
        .putObject("application/json")
        .set("schema", ref(schema));
  }

  private static void respond(ObjectNode op, String status, String description, ObjectNode schema) {
    op.with("responses")
        .putObject(status)
        .put("description", description)
        .putObject("content")
        .putObject("application/json")
        .set("schema", schema);
  }

  static void problems(ObjectNode op, int... statuses) {
    for (int status : statuses) {
      op.with("responses")
          .putObject(String.valueOf(status))
          .put("description", io.javalin.http.HttpStatus.forStatus(status).getMessage())
          .putObject("content")
          .putObject(Problem.CONTENT_TYPE)
          .set("schema", ref("Problem"));
    }
  }

  static ObjectNode ref(String schema) {
    return JsonCodec.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + schema);
  }

  static ObjectNode string() {
    return JsonCodec.MAPPER.createObjectNode().put("type", "string");
  }

  private static ObjectNode integer(int min, Integer max) {
    ObjectNode n = JsonCodec.MAPPER.createObjectNode().put("type", "integer").put("minimum", min);
    if (max != null) {
      n.put("maximum", max);
    }
    return n;
  }

  private static ObjectNode problemSchema() {
    ObjectNode s = JsonCodec.MAPPER.createObjectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    for (String f : List.of("type", "title", "detail", "instance", "code", "request_id")) {
      p.set(f, string());
    }
    p.putObject("status").put("type", "integer");
    p.putObject("errors").put("type", "array").set("items", ref("FieldError"));
    s.putArray("required").add("type").add("title").add("status").add("code");
    return s;
  }

  private static ObjectNode fieldErrorSchema() {
    ObjectNode s = JsonCodec.MAPPER.createObjectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    p.set("field", string());
    p.set(
        "code",
        string()
            .put(
                "description",
                "unknown_field, required, invalid_type, " + "invalid_value or not_allowed"));
    p.set("message", string());
    s.putArray("required").add("field").add("code").add("message");
    return s;
  }
}
