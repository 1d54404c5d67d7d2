package dev.svcinfra.javalin;

import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.CountMode;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.repo.SqlRepositoryBuilder;
import dev.svcinfra.sql.service.SqlService;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One CRUD resource over a table model: {@code GET prefix} (list, search, paging), {@code POST
 * prefix} (201), {@code GET|PATCH|DELETE prefix/{id}}, and {@code PUT prefix/{id}} (full replace)
 * and {@code POST prefix/{id}/restore} ({@link Builder#restore}) when asked for. Everything is
 * derived from the model; the builder narrows or overrides it, down to which of these routes exist
 * ({@link Builder#operations}). Mount it with {@link SqlPlugin.Config#resource}.
 *
 * <pre>{@code
 * SqlResource<User> users = SqlResource.of(User.class).prefix("/users").tags("users")
 *     .softDelete(true).searchFields("name", "email").defaultOrder("-created_at")
 *     .orderFields("created_at", "name", "email").build();
 * }</pre>
 *
 * <p>A model with a {@code @TenantId} column is tenant-scoped unless told otherwise; the tenant
 * comes from the plugin's {@link TenantResolver}.
 *
 * @since 0.1
 */
public final class SqlResource<T> {
  final TableMapping<T> mapping;
  final String prefix;
  final List<String> tags;
  final MappedColumn idColumn;
  final List<String> defaultOrder;
  final MappedColumn tenantColumn;
  final SqlService<T> service;
  final ResourceSchema<T> schema;
  final String name;

  /** PATCH, PUT and DELETE without {@code If-Match} are refused with 428. */
  final boolean requireIfMatch;

  /** Whether {@code POST prefix/{id}/restore} is mounted (issue 21). */
  final boolean restore;

  /** The filter fields and the rule for other query parameters (issue 21). */
  final QueryParameters queryParameters;

  /** Whether GET one, list and search read from the replica; null follows the plugin. */
  final Boolean readFromReplica;

  final CountMode defaultCount;

  /** The routes mounted; the others answer 405 (or 404 where a path has none left). */
  final Set<Operation> operations;

  private SqlResource(Builder<T> b) {
    if (b.operations.isEmpty()) {
      throw new IllegalArgumentException(
          "a resource exposes at least one operation; to serve nothing, do not mount it");
    }
    this.operations = Collections.unmodifiableSet(EnumSet.copyOf(b.operations));
    this.requireIfMatch = b.requireIfMatch;
    this.restore = b.restore;
    this.readFromReplica = b.readFromReplica;
    this.defaultCount = b.defaultCount;
    this.mapping = TableMapping.of(b.model);
    this.prefix = ResourceChecks.prefix(b.prefix == null ? "/" + mapping.table().name() : b.prefix);
    this.tags = b.tags == null ? List.of(mapping.table().name()) : b.tags;
    this.idColumn =
        b.idAttribute == null ? mapping.id() : ResourceChecks.uniqueColumn(mapping, b.idAttribute);
    ResourceChecks.softDelete(mapping, b.softDelete);
    if (restore) {
      ResourceChecks.restore(mapping, prefix, idColumn, operations);
    }
    this.tenantColumn =
        b.noTenant
            ? null
            : b.tenantField != null
                ? ResourceChecks.column(mapping, b.tenantField, "tenant field")
                : mapping.tenant().orElse(null);
    SqlRepositoryBuilder<T> repo = SqlRepository.builder(b.model);
    if (b.searchFields != null) {
      repo.searchFields(b.searchFields.toArray(String[]::new));
    }
    if (b.orderFields != null) {
      repo.orderFields(b.orderFields.toArray(String[]::new));
    }
    if (tenantColumn != null) {
      repo.immutableFields(tenantColumn.name());
    }
    SqlRepository<T> repository = repo.build();
    this.defaultOrder = b.defaultOrder == null ? List.of() : b.defaultOrder;
    ResourceChecks.defaultOrder(defaultOrder, repository.orderFields(), prefix);
    this.queryParameters =
        QueryParameters.of(mapping, prefix, b.filterFields, !b.allowUnknownQueryParameters);
    this.service =
        Objects.requireNonNull(
            b.serviceFactory.apply(repository), "the service factory returned null");
    this.schema =
        new ResourceSchema<>(
            mapping,
            repository.mapping().immutableColumns(),
            tenantColumn,
            b.readFields,
            b.createFields,
            b.updateFields);
    this.name = schemaName(mapping.type().getSimpleName());
  }

  /** Starts a resource for {@code model}. */
  public static <T> Builder<T> of(Class<T> model) {
    return new Builder<>(model);
  }

  public String prefix() {
    return prefix;
  }

  /** Whether requests need a tenant. */
  public boolean tenantScoped() {
    return tenantColumn != null;
  }

  SqlRepository<T> repository() {
    return service.repository();
  }

  /** Whether the route of {@code op} is mounted. */
  boolean exposes(Operation op) {
    return operations.contains(op);
  }

  private static String schemaName(String simpleName) {
    return Character.toUpperCase(simpleName.charAt(0)) + simpleName.substring(1);
  }

  /**
   * A route a resource may expose. The default is every one but {@link #REPLACE}, which is opt-in.
   *
   * <pre>{@code
   * SqlResource.of(Country.class).readOnly().build();                    // GET only
   * SqlResource.of(User.class).operations(LIST, GET, CREATE, REPLACE).build(); // no PATCH, DELETE
   * }</pre>
   *
   * @since 0.2
   */
  public enum Operation {
    /** {@code GET prefix} (and {@code prefix/}): list, search and paging. */
    LIST,
    /** {@code GET prefix/{id}}: one row, with its {@code ETag}. */
    GET,
    /** {@code POST prefix}: 201 with the row and its {@code Location}. */
    CREATE,
    /** {@code PATCH prefix/{id}}: changes the fields given. */
    UPDATE,
    /** {@code PUT prefix/{id}}: replaces every writable field; a missing one is a 422. */
    REPLACE,
    /** {@code DELETE prefix/{id}}: 204; soft when the model has a {@code @SoftDelete} column. */
    DELETE
  }

  /**
   * Settings of a {@link SqlResource}; every one is optional.
   *
   * @since 0.1
   */
  public static final class Builder<T> {
    private final Class<T> model;
    private String prefix;
    private List<String> tags;
    private String idAttribute;
    private Boolean softDelete;
    private List<String> searchFields;
    private List<String> orderFields;
    private List<String> defaultOrder;
    private String tenantField;
    private boolean noTenant;
    private Function<SqlRepository<T>, SqlService<T>> serviceFactory = SqlService::new;
    private List<String> readFields;
    private List<String> createFields;
    private List<String> updateFields;
    private boolean requireIfMatch;
    private boolean restore;
    private Boolean readFromReplica;
    private Set<Operation> operations =
        EnumSet.of(
            Operation.LIST, Operation.GET, Operation.CREATE, Operation.UPDATE, Operation.DELETE);
    private List<String> filterFields = List.of();
    private boolean allowUnknownQueryParameters;
    private CountMode defaultCount = CountMode.PLANNED;

    private Builder(Class<T> model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * How the list route counts its total when the request does not say ({@code ?count=} or {@code
     * Prefer: count=}); default {@link CountMode#PLANNED}, which never reads the whole table (see
     * docs/web.md, "Totals").
     *
     * @since 0.4
     */
    public Builder<T> defaultCount(CountMode mode) {
      this.defaultCount = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Where the routes live ({@code /users}); default: {@code /} plus the table name. */
    public Builder<T> prefix(String value) {
      this.prefix = value;
      return this;
    }

    /** OpenAPI tags of the routes; default: the table name. */
    public Builder<T> tags(String... values) {
      this.tags = List.of(values);
      return this;
    }

    /** The column the path id addresses; default: the primary key. It must be unique. */
    public Builder<T> idAttribute(String column) {
      this.idAttribute = column;
      return this;
    }

    /**
     * States that deletes are soft (the model must have a {@code @SoftDelete} column) or hard (it
     * must not); the model decides, this makes the intent checked at start-up.
     */
    public Builder<T> softDelete(boolean value) {
      this.softDelete = value;
      return this;
    }

    /** Text columns {@code q} searches; default: every text column. */
    public Builder<T> searchFields(String... columns) {
      this.searchFields = List.of(columns);
      return this;
    }

    /**
     * Columns the list route filters by ({@code ?status=open}, {@code ?price[gte]=10}, {@code
     * ?status[in]=a,b}, {@code ?deleted_by[is]=null}, {@code ?name[prefix]=an}; see docs/web.md);
     * default: none. A filter on another field of the model is a 422 naming it.
     *
     * @since 0.2
     */
    public Builder<T> filterFields(String... columns) {
      this.filterFields = List.of(columns);
      return this;
    }

    /**
     * Ignores query parameters the routes do not take, as before issue 21, instead of answering 422
     * with the parameters a route accepts; for clients that send extra ones (cache busters,
     * tracking tags). A parameter naming a field that is not a filter field is a 422 all the same.
     *
     * @since 0.2
     */
    public Builder<T> allowUnknownQueryParameters() {
      this.allowUnknownQueryParameters = true;
      return this;
    }

    /** Columns {@code order_by} may name (the id is always allowed); default: all scalar ones. */
    public Builder<T> orderFields(String... columns) {
      this.orderFields = List.of(columns);
      return this;
    }

    /**
     * The order of lists without {@code order_by}, as {@code order_by} items ({@code -created_at}).
     */
    public Builder<T> defaultOrder(String... fields) {
      this.defaultOrder = List.of(fields);
      return this;
    }

    /** Scopes the resource to a tenant column; default: the model's {@code @TenantId} column. */
    public Builder<T> tenantField(String column) {
      this.tenantField = column;
      this.noTenant = false;
      return this;
    }

    /** Serves every row regardless of tenant even when the model has a tenant column. */
    public Builder<T> withoutTenant() {
      this.noTenant = true;
      return this;
    }

    /** The service routes call (hooks, uniqueness rules); default: a plain {@link SqlService}. */
    public Builder<T> service(Function<SqlRepository<T>, SqlService<T>> factory) {
      this.serviceFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** The fields responses show; default: every column. */
    public Builder<T> readFields(String... columns) {
      this.readFields = List.of(columns);
      return this;
    }

    /** The fields {@code POST} accepts; default: every column the library does not set. */
    public Builder<T> createFields(String... columns) {
      this.createFields = List.of(columns);
      return this;
    }

    /** The fields {@code PATCH} accepts; default: the create fields that are not immutable. */
    public Builder<T> updateFields(String... columns) {
      this.updateFields = List.of(columns);
      return this;
    }

    /**
     * Makes {@code If-Match} mandatory on PATCH, PUT and DELETE: a request without it is a 428
     * {@code precondition_required}, so no client can overwrite a row it has not read. Default:
     * optional (an {@code If-Match} that is sent is always honoured).
     */
    public Builder<T> requireIfMatch(boolean value) {
      this.requireIfMatch = value;
      return this;
    }

    /**
     * Mounts {@code POST prefix/{id}/restore}, which brings a soft-deleted row back and answers 200
     * with it and its {@code ETag}: 404 when no deleted row has that id (in the tenant), 409 when a
     * live row took one of its unique values meanwhile (a unique {@code @Index(liveRowsOnly =
     * true)}). Only for a model with a {@code @SoftDelete} column addressed by its primary key, on
     * a resource that serves some write ({@link #readOnly()} and restore is refused at build);
     * OpenAPI lists the route only when it is on. Default: off.
     *
     * @since 0.3
     */
    public Builder<T> restore(boolean value) {
      this.restore = value;
      return this;
    }

    /**
     * Whether this resource's GET one, list and search run in read-only transactions on the read
     * replica (when one is configured), overriding {@link SqlPlugin.Config#readFromReplica} for it.
     * A request carrying {@code X-Consistency-Token} reads what that token's write wrote.
     *
     * @since 0.2
     */
    public Builder<T> readFromReplica(boolean value) {
      this.readFromReplica = value;
      return this;
    }

    /**
     * The routes the resource mounts, exactly these (order does not matter); default: {@link
     * Operation#LIST}, {@link Operation#GET GET}, {@link Operation#CREATE CREATE}, {@link
     * Operation#UPDATE UPDATE} and {@link Operation#DELETE DELETE}. A method the resource does not
     * serve on a path it does serve answers 405 with {@code Allow}; a path left with no method (the
     * item path of a list-and-create resource) answers 404. OpenAPI shows only these routes.
     *
     * @since 0.2
     */
    public Builder<T> operations(Operation... values) {
      Set<Operation> chosen = EnumSet.noneOf(Operation.class);
      for (Operation op : values) {
        chosen.add(Objects.requireNonNull(op, "operation"));
      }
      this.operations = chosen;
      return this;
    }

    /**
     * Only {@link Operation#LIST} and {@link Operation#GET GET}: writes answer 405.
     *
     * @since 0.2
     */
    public Builder<T> readOnly() {
      return operations(Operation.LIST, Operation.GET);
    }

    /**
     * The resource.
     *
     * @throws IllegalArgumentException naming a field the model does not have, or a contradiction
     */
    public SqlResource<T> build() {
      return new SqlResource<>(this);
    }
  }
}
