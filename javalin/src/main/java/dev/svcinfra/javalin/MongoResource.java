package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.svcinfra.mongo.MongoRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One CRUD resource over a MongoDB collection, with the HTTP contract of {@link SqlResource}:
 * {@code GET prefix} (list, search, paging), {@code POST prefix} (201), {@code GET|PATCH|DELETE
 * prefix/{id}}. The rules are those of {@link MongoRepository}; mount it with {@link
 * MongoPlugin.Config#resource}.
 *
 * <pre>{@code
 * MongoResource items = MongoResource.of("items").softDelete().searchFields("name")
 *     .orderFields("name", "created_at").defaultOrder("-created_at").tenantField("tenant_id")
 *     .fields(MongoField.string("name").required(), MongoField.integer("qty")).build();
 * }</pre>
 *
 * <p>Without {@link Builder#fields} any JSON object is stored (field names are still checked); with
 * them, bodies are strict and the OpenAPI schemas list the fields.
 *
 * @since 0.1
 */
public final class MongoResource {
  final String collection;
  final String prefix;
  final List<String> tags;
  final String name;
  final String softDeleteField;
  final boolean timestamps;
  final List<String> searchFields;
  final List<String> orderFields;
  final List<String> defaultOrder;
  final Set<String> immutable;
  final String tenantField;

  /** Declared fields by name; empty when the resource takes any field. */
  final Map<String, MongoField> fields;

  private volatile Built built;

  /** The repository built for one database, rebuilt when the database changes (re-init). */
  private record Built(MongoDatabase database, MongoRepository repository) {}

  private MongoResource(Builder b) {
    this.collection = b.collection;
    this.prefix = b.prefix == null ? "/" + b.collection : b.prefix;
    if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must look like /items, got '" + prefix + "'");
    }
    this.tags = b.tags == null ? List.of(b.collection) : b.tags;
    this.name = Character.toUpperCase(b.collection.charAt(0)) + b.collection.substring(1);
    this.softDeleteField = b.softDeleteField;
    this.timestamps = b.timestamps;
    Map<String, MongoField> declared = new LinkedHashMap<>();
    for (MongoField f : b.fields) {
      if (declared.put(f.name(), f) != null) {
        throw new IllegalArgumentException("field " + f.name() + " is declared twice");
      }
    }
    this.fields = Collections.unmodifiableMap(declared);
    this.searchFields =
        b.searchFields != null
            ? b.searchFields
            : declared.values().stream()
                .filter(f -> f.type() == MongoField.Type.STRING)
                .map(MongoField::name)
                .toList();
    this.orderFields = b.orderFields;
    this.defaultOrder = b.defaultOrder;
    this.immutable = Set.copyOf(b.immutable);
    this.tenantField = b.tenantField;
    if (tenantField != null && declared.containsKey(tenantField)) {
      throw new IllegalArgumentException(
          "tenant field "
              + tenantField
              + " is set from the "
              + "request's tenant; do not declare it as a field");
    }
  }

  /** Starts a resource for {@code collection}. */
  public static Builder of(String collection) {
    return new Builder(collection);
  }

  public String prefix() {
    return prefix;
  }

  /** Whether requests need a tenant. */
  public boolean tenantScoped() {
    return tenantField != null;
  }

  boolean declared() {
    return !fields.isEmpty();
  }

  /**
   * The repository over {@code database}, built once per database; a wrong order or field name
   * fails here, which {@link MongoPlugin} makes happen at start-up.
   */
  MongoRepository repository(MongoDatabase database) {
    Built b = built;
    if (b == null || b.database() != database) {
      b = new Built(database, repositoryBuilder(database).build());
      built = b;
    }
    return b.repository();
  }

  private MongoRepository.Builder repositoryBuilder(MongoDatabase database) {
    MongoRepository.Builder b = MongoRepository.builder(database, collection);
    if (softDeleteField != null) {
      b.softDelete(softDeleteField);
    }
    b.timestamps(timestamps);
    b.searchFields(searchFields.toArray(String[]::new));
    b.orderFields(orderFields.toArray(String[]::new));
    b.defaultOrder(defaultOrder.toArray(String[]::new));
    b.immutableFields(immutable.toArray(String[]::new));
    if (declared()) {
      b.writableFields(fields.keySet().toArray(String[]::new));
    }
    return b;
  }

  /** The resource as the OpenAPI document describes it. */
  OpenApiDocument.Described describe() {
    List<String> order = new ArrayList<>(orderFields);
    if (!order.contains("id")) {
      order.add("id");
    }
    return new OpenApiDocument.Described(
        name,
        prefix,
        tags,
        tenantScoped(),
        order,
        searchFields,
        defaultOrder,
        type("string"),
        readSchema(),
        writeSchema(true),
        writeSchema(false),
        null,
        "document",
        "regular-expression characters match literally");
  }

  private ObjectNode readSchema() {
    ObjectNode s = type("object");
    ObjectNode props = s.putObject("properties");
    props.set("id", type("string"));
    fields.values().forEach(f -> props.set(f.name(), fieldSchema(f)));
    if (tenantField != null) {
      props.set(tenantField, type("string"));
    }
    if (timestamps) {
      props.set("created_at", type("string").put("format", "date-time"));
      props.set("updated_at", type("string").put("format", "date-time"));
    }
    ArrayNode required = s.putArray("required").add("id");
    if (!declared()) {
      s.put("additionalProperties", true);
    }
    if (timestamps) {
      required.add("created_at").add("updated_at");
    }
    return s;
  }

  private ObjectNode writeSchema(boolean create) {
    ObjectNode s = type("object");
    ObjectNode props = s.putObject("properties");
    if (create) {
      props.set(
          "id",
          type("string")
              .put("minLength", 1)
              .put("description", "Optional: the document's id; default: a new ObjectId."));
    }
    for (MongoField f : fields.values()) {
      if (create || !immutable.contains(f.name())) {
        props.set(f.name(), fieldSchema(f));
      }
    }
    if (tenantField != null) {
      props.set(
          tenantField,
          type("string")
              .put(
                  "description", "Set from the request's tenant; naming another tenant is a 422."));
    }
    s.put("additionalProperties", !declared());
    if (create) {
      ArrayNode required = s.putArray("required");
      fields.values().stream().filter(MongoField::isRequired).forEach(f -> required.add(f.name()));
    }
    return s;
  }

  private static ObjectNode fieldSchema(MongoField f) {
    ObjectNode s = JsonCodec.MAPPER.createObjectNode();
    ArrayNode types = s.putArray("type").add(f.type().jsonType);
    if (!f.isRequired()) {
      types.add("null");
    }
    return s;
  }

  private static ObjectNode type(String type) {
    return JsonCodec.MAPPER.createObjectNode().put("type", type);
  }

  /**
   * Settings of a {@link MongoResource}; every one is optional.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String collection;
    private String prefix;
    private List<String> tags;
    private String softDeleteField;
    private boolean timestamps = true;
    private List<String> searchFields;
    private List<String> orderFields = List.of();
    private List<String> defaultOrder = List.of();
    private final Set<String> immutable = new LinkedHashSet<>();
    private String tenantField;
    private List<MongoField> fields = List.of();

    private Builder(String collection) {
      this.collection = Objects.requireNonNull(collection, "collection");
      if (collection.isBlank()) {
        throw new IllegalArgumentException("the collection name is blank");
      }
    }

    /** Where the routes live ({@code /items}); default: {@code /} plus the collection name. */
    public Builder prefix(String value) {
      this.prefix = value;
      return this;
    }

    /** OpenAPI tags of the routes; default: the collection name. */
    public Builder tags(String... values) {
      this.tags = List.of(values);
      return this;
    }

    /** Soft delete with {@code deleted_at}: missing or null means alive. */
    public Builder softDelete() {
      return softDelete("deleted_at");
    }

    /** Soft delete with the named field. */
    public Builder softDelete(String field) {
      this.softDeleteField = field;
      return this;
    }

    /** Whether {@code created_at}/{@code updated_at} are set; default true. */
    public Builder timestamps(boolean enabled) {
      this.timestamps = enabled;
      return this;
    }

    /** Fields {@code q} searches; default: the declared string fields. */
    public Builder searchFields(String... names) {
      this.searchFields = List.of(names);
      return this;
    }

    /** Fields {@code order_by} may name ({@code id} is always allowed). */
    public Builder orderFields(String... names) {
      this.orderFields = List.of(names);
      return this;
    }

    /** The order of lists without {@code order_by} ({@code -created_at}); default: id. */
    public Builder defaultOrder(String... items) {
      this.defaultOrder = List.of(items);
      return this;
    }

    /** Fields set on create and never changed (id, timestamps and the tenant always are). */
    public Builder immutableFields(String... names) {
      this.immutable.addAll(List.of(names));
      return this;
    }

    /** Scopes the resource to the request's tenant, stored in this field. */
    public Builder tenantField(String field) {
      this.tenantField = Objects.requireNonNull(field, "field");
      return this;
    }

    /** Declares the documents' fields: bodies become strict (see {@link MongoField}). */
    public Builder fields(MongoField... declared) {
      this.fields = List.of(declared);
      return this;
    }

    /**
     * The resource.
     *
     * @throws IllegalArgumentException for an invalid name, order or contradiction
     */
    public MongoResource build() {
      return new MongoResource(this);
    }
  }
}
