package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on {@value #LOGGER} at INFO: method, route template, status, duration,
 * request id and tenant (issue 21). The raw path and query are left out: they may carry ids and
 * secrets that the route template does not.
 *
 * <pre>{@code
 * {"method":"GET","route":"/users/{id}","status":200,"duration_ms":3.172,"request_id":"…","tenant":"acme"}
 * }</pre>
 */
final class RequestLogLine implements RequestObserver {
  static final String LOGGER = "dev.svcinfra.http.requests";

  private final Logger log;
  private final TenantResolver tenants;

  RequestLogLine(TenantResolver tenants) {
    this(tenants, LoggerFactory.getLogger(LOGGER));
  }

  RequestLogLine(TenantResolver tenants, Logger log) {
    this.tenants = tenants;
    this.log = log;
  }

  @Override
  public void finished(Context ctx, String route, long nanos) {
    if (!log.isInfoEnabled()) {
      return;
    }
    ObjectNode line = JsonCodec.MAPPER.createObjectNode();
    line.put("method", ctx.method().name());
    line.put("route", route);
    line.put("status", ctx.statusCode());
    line.put("duration_ms", Math.round(nanos / 1_000.0) / 1_000.0);
    line.put("request_id", RequestIds.of(ctx));
    String tenant = tenant(ctx);
    if (tenant != null) {
      line.put("tenant", tenant);
    } else {
      line.putNull("tenant");
    }
    // Jackson escapes quotes, control characters and line breaks: one request, one line.
    log.info(line.toString());
  }

  /** The tenant as the resolver names it, cut to the longest tenant there is; null if none. */
  private String tenant(Context ctx) {
    Optional<String> named;
    try {
      named = tenants.resolve(ctx);
    } catch (RuntimeException e) {
      return null; // a resolver that refuses this request already answered it
    }
    return named
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .map(
            t ->
                t.codePointCount(0, t.length()) <= TenantResolver.MAX_LENGTH
                    ? t
                    : t.substring(0, t.offsetByCodePoints(0, TenantResolver.MAX_LENGTH)))
        .orElse(null);
  }
}
