package dev.svcinfra.bench.raw;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The five {@code /users} routes written by hand: parse, one {@link UserSql} call, write JSON.
 * Input checks are the few the benchmark's requests need (an id that is a UUID, a bounded limit, an
 * email on create), as a hand-written service would have.
 *
 * <pre>{@code
 * UserHandlers h = new UserHandlers(new UserSql(dataSource));
 * config.routes.get("/users/{id}", h::get);
 * }</pre>
 *
 * @since 0.1
 */
public final class UserHandlers {
  private final UserSql users;

  public UserHandlers(UserSql users) {
    this.users = users;
  }

  public void get(Context ctx) throws SQLException {
    Optional<UUID> id = id(ctx);
    Optional<User> user = id.isEmpty() ? Optional.empty() : users.get(id.get());
    found(ctx, user);
  }

  public void list(Context ctx) throws SQLException {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(50);
    long offset = ctx.queryParamAsClass("offset", Long.class).getOrDefault(0L);
    if (limit < 1 || limit > 1000 || offset < 0) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(Map.of("detail", "bad limit or offset"));
      return;
    }
    String count = ctx.queryParamAsClass("count", String.class).getOrDefault("planned");
    if (!count.equals("exact") && !count.equals("planned") && !count.equals("none")) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(Map.of("detail", "bad count"));
      return;
    }
    String q = ctx.queryParam("q");
    ctx.json(users.page(q == null || q.isBlank() ? null : q, limit, offset, count));
  }

  public void create(Context ctx) throws SQLException {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    Object email = body.get("email");
    if (!(email instanceof String e) || e.isBlank()) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(Map.of("detail", "email is required"));
      return;
    }
    Object name = body.get("name");
    Optional<User> created = users.create(e, name == null ? null : name.toString());
    if (created.isPresent()) {
      ctx.status(HttpStatus.CREATED).json(created.get());
    } else {
      ctx.status(HttpStatus.CONFLICT).json(Map.of("detail", "email already exists"));
    }
  }

  public void patch(Context ctx) throws SQLException {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    Optional<UUID> id = id(ctx);
    Object name = body.get("name");
    found(
        ctx,
        id.isEmpty()
            ? Optional.empty()
            : users.rename(id.get(), name == null ? null : name.toString()));
  }

  private static void found(Context ctx, Optional<User> user) {
    if (user.isPresent()) {
      ctx.json(user.get());
    } else {
      ctx.status(HttpStatus.NOT_FOUND).json(Map.of("detail", "no such user"));
    }
  }

  private static Optional<UUID> id(Context ctx) {
    try {
      return Optional.of(UUID.fromString(ctx.pathParam("id")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
