package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.svcinfra.mongo.DocumentNotFoundException;
import dev.svcinfra.mongo.KeysetPage;
import dev.svcinfra.mongo.MongoRepository;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.repo.ListRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The five routes of a {@link MongoResource}. Each reads the request with the shared machinery
 * ({@link ListQuery}, {@link BodyLimit}, {@link JsonCodec}, the {@link TenantResolver}), calls the
 * resource's repository (scoped to the tenant when the resource has one) and writes JSON.
 */
final class MongoRoutes {
  private final MongoResource resource;
  private final MongoBodies bodies;
  private final Supplier<MongoDatabase> database;
  private final TenantResolver tenants;
  private final long maxBodyBytes;

  MongoRoutes(
      MongoResource resource,
      Supplier<MongoDatabase> database,
      TenantResolver tenants,
      long maxBodyBytes) {
    this.resource = resource;
    this.bodies = new MongoBodies(resource);
    this.database = database;
    this.tenants = tenants;
    this.maxBodyBytes = maxBodyBytes;
  }

  void mount(RoutesConfig routes) {
    String p = resource.prefix;
    routes.get(p, this::list);
    routes.get(p + "/", this::list);
    routes.post(p, this::create);
    routes.get(p + "/{id}", this::get);
    routes.patch(p + "/{id}", this::update);
    routes.delete(p + "/{id}", this::delete);
  }

  private void list(Context ctx) {
    ListRequest query = ListQuery.parse(ctx, resource.defaultOrder);
    if (query.offset() > Integer.MAX_VALUE) {
      throw ValidationException.of(
          "offset", FieldError.INVALID_VALUE, "must be at most " + Integer.MAX_VALUE);
    }
    MongoRepository repo = repository(ctx);
    ObjectNode body = JsonCodec.MAPPER.createObjectNode();
    if (query.keyset()) {
      KeysetPage page =
          repo.page(
              query.limit(),
              query.orderBy(),
              query.cursor() == null || query.cursor().isBlank() ? null : query.cursor());
      body.put("total", repo.count());
      items(body, page.items());
      body.put("limit", query.limit());
      body.put("offset", 0);
      page.nextCursor()
          .ifPresentOrElse(c -> body.put("next_cursor", c), () -> body.putNull("next_cursor"));
    } else {
      List<Map<String, Object>> found =
          repo.search(
              query.q(), query.fields(), query.limit(), (int) query.offset(), query.orderBy());
      body.put("total", repo.countSearch(query.q(), query.fields()));
      items(body, found);
      body.put("limit", query.limit());
      body.put("offset", query.offset());
    }
    json(ctx, body);
  }

  private static void items(ObjectNode body, List<Map<String, Object>> documents) {
    ArrayNode items = body.putArray("items");
    documents.forEach(d -> items.add(MongoBodies.toJson(d)));
  }

  private void create(Context ctx) {
    String tenant = tenant(ctx);
    Map<String, Object> values =
        bodies.forCreate(JsonCodec.tree(BodyLimit.read(ctx, maxBodyBytes)), tenant);
    Map<String, Object> created = repository(tenant).create(values);
    ctx.status(201).header("Location", resource.prefix + "/" + created.get("id"));
    json(ctx, MongoBodies.toJson(created));
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    Map<String, Object> found =
        repository(ctx)
            .get(id)
            .orElseThrow(() -> new DocumentNotFoundException(resource.collection, id));
    json(ctx, MongoBodies.toJson(found));
  }

  private void update(Context ctx) {
    String tenant = tenant(ctx);
    MongoRepository repo = repository(tenant);
    String id = ctx.pathParam("id");
    Map<String, Object> values =
        bodies.forUpdate(JsonCodec.tree(BodyLimit.read(ctx, maxBodyBytes)), tenant);
    json(ctx, MongoBodies.toJson(repo.update(id, values)));
  }

  private void delete(Context ctx) {
    repository(ctx).delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  private MongoRepository repository(Context ctx) {
    return repository(tenant(ctx));
  }

  /** The resource's repository, seen through the tenant when the resource has one. */
  private MongoRepository repository(String tenant) {
    MongoRepository repo = resource.repository(database.get());
    return tenant == null ? repo : repo.scopedTo(resource.tenantField, tenant);
  }

  /** The request's tenant for a tenant resource (400 without one); null otherwise. */
  private String tenant(Context ctx) {
    return resource.tenantField == null ? null : tenants.require(ctx);
  }

  private static void json(Context ctx, Object body) {
    ctx.contentType("application/json").result(JsonCodec.write(body));
  }
}
