package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.javalin.SqlResource.Operation;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.repo.CountMode;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.service.DedupeSqlService;
import dev.svcinfra.sql.service.RowService;
import dev.svcinfra.sql.service.SqlService;
import dev.svcinfra.sql.service.TenantSqlService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The routes of a {@link SqlResource}: those of the operations it exposes, and its restore route
 * when enabled. Each reads the request, calls the resource's service in the request transaction and
 * writes JSON; paging, search, validation and tenant rules are the service's.
 */
final class ResourceRoutes<T> {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

  private static final String JSON = "application/json";

  /** The parsed request of a list route, kept on the context. */
  private static final String LIST_REQUEST = "svc-infra.list-request";

  private final SqlResource<T> resource;
  // The plugin's run-time context, known when the routes are mounted: no app-data lookup per
  // request.
  private final SqlContext sql;

  ResourceRoutes(SqlResource<T> resource, SqlContext sql) {
    this.resource = resource;
    this.sql = sql;
  }

  /**
   * Mounts the routes of the operations the resource exposes and no others: Javalin then answers
   * another method on a mounted path with 405 and {@code Allow} (see {@link ErrorResponses}), and a
   * path with no route at all with 404. Javalin tries the routes of a method in the order they were
   * added, one regular expression each, so the busiest route (one row by id) goes first and the
   * trailing-slash variant of the list last.
   */
  void mount(RoutesConfig routes) {
    String p = resource.prefix;
    boolean libraryReads = libraryReads(resource.service);
    if (resource.exposes(Operation.GET)) {
      // One SELECT by key, unless the path's id is another unique column (a lookup first).
      boolean single = libraryReads && resource.idColumn == resource.mapping.id();
      routes.get(p + "/{id}", transactional(this::get, ctx -> single));
    }
    if (resource.exposes(Operation.LIST)) {
      // One SELECT when no total is asked for; a total may take a second statement.
      Predicate<Context> single = ctx -> libraryReads && listRequest(ctx).count() == CountMode.NONE;
      routes.get(p, transactional(this::list, single));
      routes.get(p + "/", transactional(this::list, single));
    }
    if (resource.exposes(Operation.CREATE)) {
      boolean single = createsInOneStatement(resource.service, sql.database().dialect());
      routes.post(p, transactional(this::create, ctx -> single));
    }
    if (resource.exposes(Operation.UPDATE)) {
      routes.patch(p + "/{id}", transactional(this::update));
    }
    if (resource.exposes(Operation.REPLACE)) {
      routes.put(p + "/{id}", transactional(this::replace));
    }
    if (resource.exposes(Operation.DELETE)) {
      routes.delete(p + "/{id}", transactional(this::delete));
    }
    if (resource.restore) {
      routes.post(p + "/{id}/restore", transactional(this::restore));
    }
  }

  /**
   * Whether the service's reads are the library's own (no subclass), whose get and list send the
   * statements this class counts on. A subclass may override a read to send more (an access check,
   * a second table), so its reads keep their transaction.
   */
  private static boolean libraryReads(RowService<?> service) {
    Class<?> c = service.getClass();
    return c == SqlService.class || c == DedupeSqlService.class;
  }

  /**
   * Whether a create sends its INSERT alone: the library's own service, no check before it (none
   * declared, or each left to its unique index, see {@link DedupeSqlService#createsWithoutCheck}),
   * and the row comes back from the INSERT itself ({@code RETURNING}).
   */
  private static boolean createsInOneStatement(RowService<?> service, Dialect dialect) {
    if (!dialect.supportsReturning()) {
      return false;
    }
    return service.getClass() == SqlService.class
        || (service.getClass() == DedupeSqlService.class
            && ((DedupeSqlService<?>) service).createsWithoutCheck(dialect));
  }

  /** The request of a list route, parsed once (before the transaction, which it may decide). */
  private ListRequest listRequest(Context ctx) {
    ListRequest request = ctx.attribute(LIST_REQUEST);
    if (request == null) {
      request =
          ListQuery.parse(
              ctx, resource.defaultOrder, resource.queryParameters, resource.defaultCount);
      ctx.attribute(LIST_REQUEST, request);
    }
    return request;
  }

  private Handler transactional(Handler h) {
    return transactional(h, ctx -> false);
  }

  /**
   * {@code h} in the request transaction; {@code single} says whether the request sends one
   * statement, which then runs alone in auto-commit (see {@link SqlContext#inTransaction}).
   */
  private Handler transactional(Handler h, Predicate<Context> single) {
    boolean tenantScoped = resource.tenantColumn != null;
    boolean replicaReads =
        resource.readFromReplica != null ? resource.readFromReplica : sql.readFromReplica();
    return ctx -> {
      // Only the list route (GET or HEAD without a path id) takes query parameters; it checks
      // them itself, with its filters. Refused before any transaction starts (issue 21).
      HandlerType m = ctx.method();
      boolean list =
          (m.equals(HandlerType.GET) || m.equals(HandlerType.HEAD)) && ctx.pathParamMap().isEmpty();
      if (!list) {
        resource.queryParameters.refuseAll(ctx);
      }
      sql.inTransaction(ctx, h, tenantScoped, replicaReads, single.test(ctx));
    };
  }

  private void list(Context ctx) {
    ListRequest request = listRequest(ctx);
    RowService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    byte[] body;
    if (request.keyset()) {
      Slice<T> slice = service.listAfter(tx, request);
      body =
          envelope(
              slice.total(),
              slice.totalKind(),
              slice.items(),
              request.limit(),
              0,
              true,
              slice.nextCursor().orElse(null));
    } else {
      Page<T> page = service.list(tx, request);
      body =
          envelope(
              page.total(),
              page.totalKind(),
              page.items(),
              page.limit(),
              page.offset(),
              false,
              null);
    }
    if (ListCount.preferred(ctx) != null) {
      // The preference was valid (else the request was a 422) and honoured: total_kind says
      // which total came back, which may be exact for a page that showed it (RFC 7240).
      ctx.header(ListCount.PREFERENCE_APPLIED, "count=" + request.count().token());
    }
    ctx.contentType(JSON).result(body);
  }

  /**
   * The list envelope: {@code total} is the count, the planner's estimate or null, as {@code
   * total_kind} ({@code exact}, {@code planned}, {@code none}) says. Keyset slices add {@code
   * next_cursor} (null on the last slice); offset pages have no such field.
   */
  private byte[] envelope(
      long total,
      CountMode kind,
      List<T> rows,
      int limit,
      long offset,
      boolean keyset,
      String nextCursor) {
    return JsonCodec.render(
        g -> {
          g.writeStartObject();
          if (kind == CountMode.NONE) {
            g.writeNullField("total");
          } else {
            g.writeNumberField("total", total);
          }
          g.writeStringField("total_kind", kind.token());
          g.writeArrayFieldStart("items");
          for (T row : rows) {
            resource.schema.writeJson(g, row);
          }
          g.writeEndArray();
          g.writeNumberField("limit", limit);
          g.writeNumberField("offset", offset);
          if (keyset) {
            g.writeStringField("next_cursor", nextCursor);
          }
          g.writeEndObject();
        });
  }

  /** The JSON form of one row as response bytes. */
  private byte[] row(T row) {
    return JsonCodec.render(g -> resource.schema.writeJson(g, row));
  }

  private void create(Context ctx) {
    RowService<T> service = service(ctx);
    Map<String, Object> values = resource.schema.createValues(JsonCodec.tree(sql.body(ctx)));
    T created = service.create(RequestTransaction.current(ctx), values);
    ctx.status(201)
        .header("Location", resource.prefix + "/" + resource.idColumn.get(created))
        .header(EntityTags.ETAG, etag(created))
        .contentType(JSON)
        .result(row(created));
  }

  /**
   * One row with its {@code ETag}; {@code If-None-Match} naming the current tag (or {@code *})
   * answers 304 with the tag and no body. A missing row is a 404 whatever the header says.
   */
  private void get(Context ctx) {
    EntityTags.Condition ifNoneMatch = EntityTags.ifNoneMatch(ctx);
    RowService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    T found =
        service.get(tx, Scope.all(), primaryKey(ctx, service, tx)).orElseThrow(() -> notFound(ctx));
    String tag = resource.repository().tag(found);
    ctx.header(EntityTags.ETAG, EntityTags.quoted(tag));
    if (ifNoneMatch != null && EntityTags.matchesWeakly(ifNoneMatch, tag)) {
      ctx.status(304);
      return;
    }
    ctx.contentType(JSON).result(row(found));
  }

  /**
   * A PATCH, conditional when {@code If-Match} names tags: the service compares them atomically
   * with the write (412 when the row changed). A {@code version} in the body of a versioned model
   * is checked the same way but answers 409 (see docs/web.md).
   */
  private void update(Context ctx) {
    change(ctx, resource.schema::updateValues);
  }

  /**
   * A PUT: replaces every writable field (a missing one is a 422, see {@link
   * ResourceSchema#replaceValues}) through the same conditional update as PATCH, so {@code
   * If-Match}, the version, the tenant and a missing or soft-deleted row (404: PUT never creates)
   * behave as there.
   */
  private void replace(Context ctx) {
    change(ctx, resource.schema::replaceValues);
  }

  /** The write of PATCH and PUT, which differ only in the body they accept. */
  private void change(Context ctx, Function<JsonNode, Map<String, Object>> bodyValues) {
    Collection<String> ifTags = ifMatch(ctx);
    RowService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    Object key = primaryKey(ctx, service, tx);
    Map<String, Object> values = bodyValues.apply(JsonCodec.tree(sql.body(ctx)));
    // Unconditional writes keep calling the four-argument form a service may override.
    T changed =
        ifTags == null
            ? service.update(tx, Scope.all(), key, values)
            : service.update(tx, Scope.all(), key, values, ifTags);
    ctx.header(EntityTags.ETAG, etag(changed)).contentType(JSON).result(row(changed));
  }

  private void delete(Context ctx) {
    Collection<String> ifTags = ifMatch(ctx);
    RowService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    Object key = primaryKey(ctx, service, tx);
    if (ifTags == null) {
      service.delete(tx, Scope.all(), key);
    } else {
      service.delete(tx, Scope.all(), key, ifTags);
    }
    ctx.status(204);
  }

  /**
   * Brings a soft-deleted row back (opt-in, issue 21) and answers 200 with it and its {@code ETag};
   * the service answers 404 for no such deleted row and 409 for a unique value taken meanwhile.
   */
  private void restore(Context ctx) {
    RowService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    T restored = service.restore(tx, Scope.all(), primaryKey(ctx, service, tx));
    ctx.header(EntityTags.ETAG, etag(restored)).contentType(JSON).result(row(restored));
  }

  /**
   * The tags {@code If-Match} accepts, or null for an unconditional write: no header, or {@code *}
   * (any current row; a missing one is the usual 404). Without the header a resource that requires
   * it answers 428.
   */
  private Collection<String> ifMatch(Context ctx) {
    EntityTags.Condition c = EntityTags.ifMatch(ctx);
    if (c == null && resource.requireIfMatch) {
      throw new RequestRejectedException(
          ErrorCode.PRECONDITION_REQUIRED,
          "this resource changes rows only with If-Match: send the ETag of the row you read");
    }
    return c == null || c.any() ? null : EntityTags.strongTags(c);
  }

  private String etag(T row) {
    return EntityTags.quoted(resource.repository().tag(row));
  }

  /** The resource's service, seen through the request's tenant when the resource has one. */
  private RowService<T> service(Context ctx) {
    if (resource.tenantColumn == null) {
      return resource.service;
    }
    String tenant = sql.tenant(ctx);
    int max =
        resource.tenantColumn.type().kind() == ColumnType.Kind.STRING
            ? resource.tenantColumn.type().length()
            : Integer.MAX_VALUE;
    if (tenant.codePointCount(0, tenant.length()) > max) {
      // Longer than the column: no row can have it, and a create would fail on the column.
      throw new RequestRejectedException(
          ErrorCode.TENANT_INVALID, "the tenant is longer than " + max + " characters");
    }
    try {
      return new TenantSqlService<>(resource.service, tenant, resource.tenantColumn.name());
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(
          ErrorCode.TENANT_INVALID,
          "the tenant is not a valid "
              + resource.tenantColumn.name()
              + ": expected "
              + resource.tenantColumn.expected());
    }
  }

  /**
   * The primary key the path addresses, parsed by the id column's type; an id that cannot be parsed
   * (or, for a non-key id attribute, matches no row) is a 404.
   */
  private Object primaryKey(Context ctx, RowService<T> service, Transaction tx) {
    String text = ctx.pathParam("id");
    MappedColumn column = resource.idColumn;
    Object value;
    try {
      if (column.type().isInteger() && !INTEGER.matcher(text).matches()) {
        throw notFound(ctx);
      }
      value = column.coerce(column.type().kind() == ColumnType.Kind.JSON ? null : text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw notFound(ctx);
    }
    if (value == null) {
      throw notFound(ctx);
    }
    if (column == resource.mapping.id()) {
      return value;
    }
    List<T> rows =
        service
            .list(tx, ListRequest.builder().where(column.name(), value).limit(1).build())
            .items();
    if (rows.isEmpty()) {
      throw notFound(ctx);
    }
    return resource.mapping.id().get(rows.get(0));
  }

  private NotFoundException notFound(Context ctx) {
    return new NotFoundException(resource.mapping.table().name(), ctx.pathParam("id"));
  }
}
