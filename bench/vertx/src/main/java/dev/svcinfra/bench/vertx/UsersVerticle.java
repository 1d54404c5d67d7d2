package dev.svcinfra.bench.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code /users} routes on one event loop: each handler sends its statements through the shared
 * reactive pool (autocommit, duplicates left to the unique index, {@code UPDATE ... RETURNING}) and
 * answers the generated resource's JSON, envelopes and problem details.
 *
 * <pre>{@code
 * vertx.deployVerticle(() -> new UsersVerticle(pool, 8086), new DeploymentOptions().setInstances(2));
 * }</pre>
 *
 * @since 0.1
 */
public final class UsersVerticle extends VerticleBase {
  private static final String COLS = "id, email, name, created_at, updated_at, deleted_at";
  private static final Set<String> COUNTS = Set.of("exact", "planned", "none");
  private final Pool pool;
  private final int port;

  public UsersVerticle(Pool pool, int port) {
    this.pool = pool;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
    router.get("/users/:id").handler(this::get);
    router.get("/users").handler(this::list);
    router.post("/users").handler(BodyHandler.create()).handler(this::create);
    router.patch("/users/:id").handler(BodyHandler.create()).handler(this::patch);
    router
        .route()
        .failureHandler(
            ctx -> {
              Throwable e = ctx.failure();
              if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                problem(ctx, 409, "conflict", "a live user already has this email");
              } else {
                problem(ctx, 500, "internal", "the request failed");
              }
            });
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }

  private void get(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("id"));
    if (id == null) {
      problem(ctx, 404, "not_found", "no live user has this id");
      return;
    }
    pool.preparedQuery("SELECT " + COLS + " FROM users WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(id))
        .onSuccess(rows -> one(ctx, rows, 200))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int limit;
    long offset;
    try {
      limit = Integer.parseInt(param(ctx, "limit", "50"));
      offset = Long.parseLong(param(ctx, "offset", "0"));
    } catch (NumberFormatException e) {
      problem(ctx, 422, "validation", "invalid input: limit and offset are whole numbers");
      return;
    }
    String order = param(ctx, "order_by", "-created_at");
    String count = param(ctx, "count", "planned");
    if (limit < 1
        || limit > 1000
        || offset < 0
        || !COUNTS.contains(count)
        || !(order.equals("created_at") || order.equals("-created_at"))) {
      problem(ctx, 422, "validation", "invalid input: limit, offset, order_by or count");
      return;
    }
    String q = ctx.request().getParam("q");
    boolean search = q != null && !q.isBlank();
    String filter =
        " FROM users WHERE deleted_at IS NULL"
            + (search ? " AND (email ILIKE $1 OR name ILIKE $1)" : "");
    String pattern =
        search ? "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : null;
    Tuple args = search ? Tuple.of(pattern) : Tuple.tuple();
    Tuple pageArgs = search ? Tuple.of(pattern, limit, offset) : Tuple.of(limit, offset);
    int n = args.size();
    String page =
        "SELECT "
            + COLS
            + filter
            + " ORDER BY created_at"
            + (order.startsWith("-") ? " DESC" : "")
            + ", id LIMIT $"
            + (n + 1)
            + " OFFSET $"
            + (n + 2);
    pool.preparedQuery(page)
        .execute(pageArgs)
        .compose(
            rows -> {
              List<JsonObject> items = new ArrayList<>(rows.size());
              rows.forEach(r -> items.add(json(r)));
              long seen = offset + items.size();
              JsonObject body =
                  new JsonObject()
                      .put("total", seen)
                      .put("total_kind", "exact")
                      .put("items", new JsonArray(new ArrayList<>(items)))
                      .put("limit", limit)
                      .put("offset", offset);
              if (items.size() < limit && (offset == 0 || !items.isEmpty())) {
                return Future.succeededFuture(body);
              }
              body.put("total_kind", count);
              return switch (count) {
                case "none" -> Future.succeededFuture(body.putNull("total"));
                case "exact" ->
                    pool.preparedQuery("SELECT COUNT(*)" + filter)
                        .execute(args)
                        .map(c -> body.put("total", c.iterator().next().getLong(0)));
                default ->
                    pool.preparedQuery("EXPLAIN (FORMAT JSON) SELECT 1" + filter)
                        .execute(args)
                        .map(p -> body.put("total", Math.max(seen, planRows(p))));
              };
            })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject in = body(ctx);
    String email = in == null ? null : in.getString("email");
    if (email == null || email.isBlank()) {
      problem(ctx, 422, "validation", "invalid input: email is required");
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    pool.preparedQuery(
            "INSERT INTO users ("
                + COLS
                + ") VALUES ($1, $2, $3, $4, $4, NULL)"
                + " RETURNING "
                + COLS)
        .execute(Tuple.of(UUID.randomUUID(), email, in.getString("name"), now))
        .onSuccess(rows -> one(ctx, rows, 201))
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    JsonObject in = body(ctx);
    UUID id = uuid(ctx.pathParam("id"));
    if (in == null) {
      problem(ctx, 422, "validation", "invalid input: a JSON object is required");
      return;
    }
    if (id == null) {
      problem(ctx, 404, "not_found", "no live user has this id");
      return;
    }
    Tuple args = Tuple.of(OffsetDateTime.now(ZoneOffset.UTC));
    StringBuilder sql = new StringBuilder("UPDATE users SET updated_at = $1");
    for (String field : List.of("email", "name")) {
      if (in.containsKey(field)) {
        args.addString(in.getString(field));
        sql.append(", ").append(field).append(" = $").append(args.size());
      }
    }
    args.addUUID(id);
    sql.append(" WHERE id = $")
        .append(args.size())
        .append(" AND deleted_at IS NULL RETURNING ")
        .append(COLS);
    pool.preparedQuery(sql.toString())
        .execute(args)
        .onSuccess(rows -> one(ctx, rows, 200))
        .onFailure(ctx::fail);
  }

  private static void one(RoutingContext ctx, RowSet<Row> rows, int status) {
    if (rows.size() == 0) {
      problem(ctx, 404, "not_found", "no live user has this id");
    } else {
      ctx.response().setStatusCode(status);
      ctx.json(json(rows.iterator().next()));
    }
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", r.getUUID(0).toString())
        .put("email", r.getString(1))
        .put("name", r.getString(2))
        .put("created_at", instant(r.getOffsetDateTime(3)))
        .put("updated_at", instant(r.getOffsetDateTime(4)))
        .put("deleted_at", instant(r.getOffsetDateTime(5)));
  }

  private static String instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  /** The top plan node's "Plan Rows" of an {@code EXPLAIN (FORMAT JSON)}. */
  private static long planRows(RowSet<Row> plan) {
    Object value = plan.iterator().next().getValue(0);
    JsonArray doc = value instanceof JsonArray a ? a : new JsonArray(value.toString());
    return doc.getJsonObject(0).getJsonObject("Plan").getLong("Plan Rows");
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String param(RoutingContext ctx, String name, String otherwise) {
    String v = ctx.request().getParam(name);
    return v == null ? otherwise : v;
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void problem(RoutingContext ctx, int status, String code, String detail) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(
            new JsonObject()
                .put("type", "about:blank")
                .put("title", code.replace('_', ' '))
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path())
                .put("code", code)
                .encode());
  }
}
