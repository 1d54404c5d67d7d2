package dev.svcinfra.javalin;

import dev.svcinfra.sql.internal.idempotency.Claim;
import dev.svcinfra.sql.internal.idempotency.ClaimResult;
import dev.svcinfra.sql.internal.idempotency.IdempotencyStore;
import dev.svcinfra.sql.internal.idempotency.StoredResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on POST, PUT and PATCH (issues 18, 21): the first request with a key runs
 * and its response is stored in its own transaction; a retry gets that response again with {@code
 * Idempotent-Replayed: true} and runs nothing. The same key with another request is a 422, while
 * the first request still runs a 409. A request that ends with an error status or an exception
 * stores nothing and frees its key, so the client can retry it. Requests without the header are not
 * touched.
 */
final class IdempotentRequests {
  /** The response headers a replay repeats: those that describe the result, not the exchange. */
  private static final List<String> STORED_HEADERS =
      List.of("Content-Type", "Location", "ETag", "Content-Location", "Last-Modified");

  private final IdempotencyStore store;

  IdempotentRequests(IdempotencyStore store) {
    this.store = store;
  }

  /**
   * Whether {@code ctx} asks for idempotency: a POST, PUT or PATCH with the header. A PUT repeats
   * its own effect anyway, but a retry after a replace that committed would meet a changed ETag
   * (412 with {@code If-Match}) or undo a later change; the stored answer avoids both.
   */
  static boolean asked(Context ctx) {
    HandlerType m = ctx.method();
    return (m.equals(HandlerType.POST) || m.equals(HandlerType.PUT) || m.equals(HandlerType.PATCH))
        && ctx.req().getHeader(IdempotencyKeyHeader.NAME) != null;
  }

  /**
   * Runs {@code handler} at most once per key: claims the key, runs the request transaction, and
   * stores the response inside it.
   *
   * @param tenantScoped whether the route belongs to a tenant-scoped resource: then the request
   *     must name a tenant (400 otherwise), and the key is the tenant's
   */
  void run(SqlContext sql, Context ctx, Handler handler, boolean tenantScoped) throws Exception {
    String key =
        IdempotencyKeyHeader.parse(
            Collections.list(ctx.req().getHeaders(IdempotencyKeyHeader.NAME)));
    // Any route scopes keys by the tenant the request names, so one tenant never sees another's
    // stored response; a tenant-scoped resource also insists on one, before anything is claimed.
    String tenant = tenantScoped ? sql.tenant(ctx) : optionalTenant(sql, ctx);
    String method = ctx.method().name();
    String keyHash = RequestFingerprint.scope(tenant, method, ctx.path(), key);
    String requestHash =
        RequestFingerprint.request(method, ctx.path(), ctx.queryString(), sql.body(ctx));
    ClaimResult claimed = store.claim(keyHash, requestHash);
    if (claimed instanceof ClaimResult.Replay replay) {
      replay(ctx, replay.response());
      // The stored write committed earlier: a token read now covers it (issue 20).
      ConsistencyHeader.issue(ctx, sql.database());
      return;
    }
    Claim claim = ((ClaimResult.Claimed) claimed).claim();
    boolean stored = false;
    try {
      RequestTransaction.run(
          sql.database(),
          sql.options(),
          ctx,
          handler,
          tx -> store.complete(tx, claim, capture(ctx)));
      stored = ctx.statusCode() < 400;
    } finally {
      if (!stored) {
        // Rolled back, or an error status: the key is free for the retry. A commit whose answer
        // was lost but that did commit left no claim behind, so this deletes nothing then.
        store.release(claim);
      }
      store.purgeWhenDue();
    }
  }

  private static String optionalTenant(SqlContext sql, Context ctx) {
    Optional<String> t = sql.tenants().resolve(ctx).map(String::trim).filter(s -> !s.isEmpty());
    return t.orElse(null);
  }

  /** The response the handler prepared, read without losing it. */
  static StoredResponse capture(Context ctx) {
    InputStream in = ctx.resultInputStream();
    byte[] body = new byte[0];
    if (in != null) {
      try (in) {
        body = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the response to store it", e);
      }
      ctx.result(body); // the stream is spent; Javalin writes these bytes instead
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : STORED_HEADERS) {
      String value = ctx.res().getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return new StoredResponse(ctx.statusCode(), headers, body);
  }

  private static void replay(Context ctx, StoredResponse r) {
    ctx.status(r.status());
    r.headers()
        .forEach(
            (name, value) -> {
              if (name.equalsIgnoreCase("Content-Type")) {
                ctx.contentType(value);
              } else {
                ctx.header(name, value);
              }
            });
    ctx.header(IdempotencyKeyHeader.REPLAYED, "true");
    byte[] body = r.body();
    if (body.length > 0) {
      ctx.result(body);
    }
  }
}
