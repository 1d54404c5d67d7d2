package dev.svcinfra.javalin;

import dev.svcinfra.sql.internal.request.CurrentRequest;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brackets every request: announces its id to core's logs ({@link CurrentRequest}: the thread local
 * and the MDC) and runs the {@link RequestObserver}s. The after-handler runs also when the handler
 * threw (Javalin maps the exception first), so the request id never outlives its request on a
 * pooled thread.
 */
final class RequestObservers {
  private static final Logger LOG = LoggerFactory.getLogger(RequestObservers.class);
  private static final String START = "svc-infra.request-start";

  /** Label of requests no route matched: one value, whatever path was asked for. */
  static final String NOT_FOUND = "NOT_FOUND";

  /** Label of unmatched requests answered otherwise (405 for a known path, 401 ...). */
  static final String UNMATCHED = "UNMATCHED";

  private final List<RequestObserver> observers;

  private RequestObservers(List<RequestObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  /** Mounts the before- and after-handler; call after {@link ErrorResponses#install}. */
  static void install(JavalinState state, List<RequestObserver> observers) {
    RequestObservers o = new RequestObservers(observers);
    state.routes.before(o::start);
    state.routes.after(o::finish);
  }

  private void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
    CurrentRequest.enter(RequestIds.of(ctx));
    for (RequestObserver observer : observers) {
      observer.started(ctx);
    }
  }

  private void finish(Context ctx) {
    try {
      Long start = ctx.attribute(START);
      if (start == null) {
        return; // an earlier before-handler failed: nothing was started
      }
      long nanos = System.nanoTime() - start;
      String route = route(ctx);
      for (RequestObserver observer : observers) {
        try {
          observer.finished(ctx, route, nanos);
        } catch (RuntimeException e) {
          // Metrics or logs must never turn an answered request into an error.
          LOG.warn("request observer {} failed", observer, e);
        }
      }
    } finally {
      CurrentRequest.leave();
    }
  }

  static String route(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    if (matched != null) {
      return matched.path;
    }
    return ctx.statusCode() == 404 ? NOT_FOUND : UNMATCHED;
  }
}
