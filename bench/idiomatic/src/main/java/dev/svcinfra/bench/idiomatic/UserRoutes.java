package dev.svcinfra.bench.idiomatic;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.validation.ValidationException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code /users} routes and a readiness route: parse and check the request, one {@link
 * PersonTable} call, write JSON. Errors are problem details ({@code
 * {"type","title","status","detail","instance","code"}}), as the generated resources answer them:
 * 404 for an unknown id, 409 when the unique index refuses an email, 422 for bad input.
 *
 * <pre>{@code
 * new UserRoutes(table).install(javalinConfig);
 * }</pre>
 *
 * @since 0.1
 */
public final class UserRoutes {
  private static final Set<String> COUNT_MODES = Set.of("exact", "planned", "none");
  private static final Set<String> ORDERS = Set.of("created_at", "-created_at");
  private final PersonTable table;

  public UserRoutes(PersonTable table) {
    this.table = table;
  }

  /** Fields a create or a change may carry. */
  record UserFields(String email, String name) {}

  public void install(JavalinConfig config) {
    config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
    config.routes.get("/users/{id}", this::get);
    config.routes.get("/users", this::list);
    config.routes.post("/users", this::create);
    config.routes.patch("/users/{id}", this::change);
    config.routes.exception(
        BadRequestResponse.class,
        (e, ctx) -> problem(ctx, 422, "validation", "invalid input: " + e.getMessage()));
    config.routes.exception(
        ValidationException.class,
        (e, ctx) ->
            problem(
                ctx,
                422,
                "validation",
                "invalid input: "
                    + e.getErrors().values().stream()
                        .flatMap(java.util.List::stream)
                        .map(v -> v.getMessage())
                        .collect(java.util.stream.Collectors.joining("; "))));
    config.routes.exception(
        SQLException.class,
        (e, ctx) -> {
          if (PersonTable.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            problem(ctx, 409, "conflict", "a live user already has this email");
          } else {
            problem(ctx, 500, "internal", "the database refused the request");
          }
        });
  }

  private void get(Context ctx) throws SQLException {
    Optional<UUID> id = id(ctx);
    found(ctx, id.isPresent() ? table.find(id.get()) : Optional.empty());
  }

  private void list(Context ctx) throws SQLException {
    int limit = (int) number(ctx, "limit", 50, 1, 1000);
    long offset = number(ctx, "offset", 0, 0, Long.MAX_VALUE);
    String order = choice(ctx, "order_by", "-created_at", ORDERS);
    String count = choice(ctx, "count", "planned", COUNT_MODES);
    String q = ctx.queryParam("q");
    ctx.json(
        table.page(
            q == null || q.isBlank() ? null : q, order.startsWith("-"), limit, offset, count));
  }

  private void create(Context ctx) throws SQLException {
    UserFields body =
        ctx.bodyValidator(UserFields.class)
            .check(f -> f.email() != null && !f.email().isBlank(), "email is required")
            .get();
    ctx.status(201).json(table.add(body.email(), body.name()));
  }

  private void change(Context ctx) throws SQLException {
    UserFields body =
        ctx.bodyValidator(UserFields.class)
            .check(f -> f.email() == null || !f.email().isBlank(), "email must not be blank")
            .get();
    Optional<UUID> id = id(ctx);
    found(
        ctx, id.isPresent() ? table.change(id.get(), body.email(), body.name()) : Optional.empty());
  }

  private static void found(Context ctx, Optional<Person> person) {
    if (person.isPresent()) {
      ctx.json(person.get());
    } else {
      problem(ctx, 404, "not_found", "no live user has this id");
    }
  }

  /** An integer query parameter within bounds, or the default when absent. */
  private static long number(Context ctx, String name, long otherwise, long min, long max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(raw);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, as an out-of-range value is
    }
    throw new BadRequestResponse(name + " must be a whole number from " + min + " to " + max);
  }

  /** A query parameter that must be one of the given values, or the default when absent. */
  private static String choice(Context ctx, String name, String otherwise, Set<String> allowed) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return otherwise;
    }
    if (!allowed.contains(raw)) {
      throw new BadRequestResponse(name + " must be one of " + new java.util.TreeSet<>(allowed));
    }
    return raw;
  }

  private static Optional<UUID> id(Context ctx) {
    try {
      return Optional.of(UUID.fromString(ctx.pathParam("id")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void problem(Context ctx, int status, String code, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", code.replace('_', ' '));
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    body.put("code", code);
    ctx.status(status).json(body).contentType("application/problem+json");
  }
}
