package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.MappedColumn;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.service.SqlService;
import dev.svcinfra.sql.service.TenantSqlService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The five routes of a {@link SqlResource}. Each reads the request, calls the resource's service
 * in the request transaction and writes JSON; paging, search, validation and tenant rules are
 * the service's.
 */
final class ResourceRoutes<T> {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

  private final SqlResource<T> resource;

  ResourceRoutes(SqlResource<T> resource) {
    this.resource = resource;
  }

  void mount(RoutesConfig routes) {
    String p = resource.prefix;
    routes.get(p, transactional(this::list));
    routes.get(p + "/", transactional(this::list));
    routes.post(p, transactional(this::create));
    routes.get(p + "/{id}", transactional(this::get));
    routes.patch(p + "/{id}", transactional(this::update));
    routes.delete(p + "/{id}", transactional(this::delete));
  }

  private static Handler transactional(Handler h) {
    return ctx -> SqlContext.of(ctx).inTransaction(ctx, h);
  }

  private void list(Context ctx) {
    ListQuery query = ListQuery.parse(ctx, resource.defaultOrder);
    SqlService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    ObjectNode body = JsonCodec.MAPPER.createObjectNode();
    if (query.cursor() != null) {
      Slice<T> slice = service.listAfter(tx, Scope.all(), query.cursor(), query.limit(),
          query.orderBy().isEmpty() ? null : query.orderBy().get(0));
      body.put("total", service.countFiltered(tx, Scope.all()));
      items(body, slice.items());
      body.put("limit", query.limit());
      body.put("offset", 0);
      slice.nextCursor().ifPresentOrElse(c -> body.put("next_cursor", c),
          () -> body.putNull("next_cursor"));
    } else {
      Page<T> page = service.search(tx, Scope.all(), query.q(), query.fields(), query.limit(),
          query.offset(), query.orderBy());
      body.put("total", page.total());
      items(body, page.items());
      body.put("limit", page.limit());
      body.put("offset", page.offset());
    }
    ctx.contentType("application/json").result(JsonCodec.write(body));
  }

  private void items(ObjectNode body, List<T> rows) {
    ArrayNode items = body.putArray("items");
    rows.forEach(r -> items.add(resource.schema.toJson(r)));
  }

  private void create(Context ctx) {
    SqlContext sql = SqlContext.of(ctx);
    SqlService<T> service = service(ctx);
    Map<String, Object> values = resource.schema.createValues(JsonCodec.tree(sql.body(ctx)));
    T created = service.create(RequestTransaction.current(ctx), values);
    ctx.status(201).header("Location", resource.prefix + "/"
        + resource.idColumn.get(created)).contentType("application/json")
        .result(JsonCodec.write(resource.schema.toJson(created)));
  }

  private void get(Context ctx) {
    SqlService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    T row = service.get(tx, Scope.all(), primaryKey(ctx, service, tx))
        .orElseThrow(() -> notFound(ctx));
    ctx.contentType("application/json").result(JsonCodec.write(resource.schema.toJson(row)));
  }

  private void update(Context ctx) {
    SqlContext sql = SqlContext.of(ctx);
    SqlService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    Object key = primaryKey(ctx, service, tx);
    Map<String, Object> values = resource.schema.updateValues(JsonCodec.tree(sql.body(ctx)));
    T updated = service.update(tx, Scope.all(), key, values);
    ctx.contentType("application/json").result(JsonCodec.write(resource.schema.toJson(updated)));
  }

  private void delete(Context ctx) {
    SqlService<T> service = service(ctx);
    Transaction tx = RequestTransaction.current(ctx);
    service.delete(tx, Scope.all(), primaryKey(ctx, service, tx));
    ctx.status(204);
  }

  /** The resource's service, seen through the request's tenant when the resource has one. */
  private SqlService<T> service(Context ctx) {
    if (resource.tenantColumn == null) {
      return resource.service;
    }
    String tenant = SqlContext.of(ctx).tenant(ctx);
    try {
      return new TenantSqlService<>(resource.service, tenant, resource.tenantColumn.name());
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(400, RequestRejectedException.TENANT_INVALID,
          "the tenant is not a valid " + resource.tenantColumn.name() + ": expected "
              + resource.tenantColumn.expected());
    }
  }

  /**
   * The primary key the path addresses, parsed by the id column's type; an id that cannot be
   * parsed (or, for a non-key id attribute, matches no row) is a 404.
   */
  private Object primaryKey(Context ctx, SqlService<T> service, Transaction tx) {
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
    List<T> rows = service.list(tx, Scope.where(column.name(), value), 1, 0, List.of())
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
