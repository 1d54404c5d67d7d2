package dev.svcinfra.javalin;

import dev.svcinfra.SvcInfraException;
import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.DatabaseUnavailableException;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.PreconditionFailedException;
import dev.svcinfra.sql.StatementTimeoutException;
import dev.svcinfra.sql.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception a request can end with into a problem+json response. svc-infra's
 * exceptions map by type: not found 404, conflict 409, validation 422 with the field list,
 * unavailable database, exhausted pool and statement timeout 503 with {@code Retry-After}
 * (503, not 504: the service itself is overloaded or its database is, no gateway timed out).
 * Javalin's own errors (unknown route, wrong method) keep their status with a generic detail.
 * Anything else is logged with its stack trace and answered 500 with the request id only.
 */
final class ProblemMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
  static final String INTERNAL = "internal_error";
  static final String TRANSACTION_CONFLICT = "transaction_conflict";

  private final int retryAfterSeconds;
  /** The app's routes, for the {@code Allow} header of a 405; null until installed. */
  private HeadRoutes routes;

  ProblemMapper(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }

  void allowFrom(HeadRoutes appRoutes) {
    this.routes = appRoutes;
  }

  void svcInfra(SvcInfraException e, Context ctx) {
    if (e instanceof NotFoundException) {
      Problem.write(ctx, 404, e.code(), e.getMessage(), null);
    } else if (e instanceof PreconditionFailedException) {
      // A conditional write found the row changed (issue 16): the client reloads, then retries.
      Problem.write(ctx, 412, e.code(), e.getMessage(), null);
    } else if (e instanceof ConflictException || TRANSACTION_CONFLICT.equals(e.code())) {
      Problem.write(ctx, 409, e.code(), e.getMessage(), null);
    } else if (e instanceof ValidationException v) {
      Problem.write(ctx, 422, e.code(), e.getMessage(), v.errors());
    } else if (e instanceof RequestRejectedException r) {
      Problem.write(ctx, r.status(), e.code(), e.getMessage(), null);
    } else if (e instanceof DatabaseUnavailableException || e instanceof StatementTimeoutException) {
      unavailable(e, ctx, e instanceof StatementTimeoutException
          ? "the database did not answer in time; retry later"
          : "the database is unavailable or busy; retry later");
    } else {
      unexpected(e, ctx);
    }
  }

  /** A 503 with {@code Retry-After} and a generic {@code detail}; the full message is logged. */
  void unavailable(SvcInfraException e, Context ctx, String detail) {
    // The full message names the server; it goes to the log, the client gets the reason.
    LOG.warn("request {} {} failed: {} [{}]", ctx.method(), ctx.path(), e.getMessage(),
        RequestIds.of(ctx));
    ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
    Problem.write(ctx, 503, e.code(), detail, null);
  }

  void http(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    String code = switch (status) {
      case 404 -> "route_not_found";
      case 405 -> "method_not_allowed";
      case 413 -> RequestRejectedException.BODY_TOO_LARGE;
      default -> status >= 500 ? INTERNAL : "bad_request";
    };
    String detail = switch (status) {
      case 404 -> "no route " + ctx.method() + " " + ctx.path();
      case 405 -> ctx.method() + " is not allowed on " + ctx.path();
      case 413 -> "the request body is too large";
      default -> status >= 500 ? "the request failed" : "the request is not valid";
    };
    if (status == 405 && routes != null) {
      // RFC 9110, 15.5.6: a 405 names the methods the target does serve (issue 16).
      ctx.header("Allow", routes.allowed(ctx.path()));
    }
    Problem.write(ctx, status, code, detail, List.of());
  }

  /** A {@link Error} (out of memory, stack overflow) escaping a handler: same generic 500. */
  void error(jakarta.servlet.http.HttpServletResponse res, Error e) {
    LOG.error("request failed with {}", e.getClass().getName(), e);
    if (res.isCommitted()) {
      return;
    }
    try {
      res.resetBuffer();
      res.setStatus(500);
      res.setContentType(Problem.CONTENT_TYPE);
      res.getWriter().write(JsonCodec.write(Problem.body(500, INTERNAL, "the request failed",
          null)));
    } catch (java.io.IOException | IllegalStateException writeFailed) {
      e.addSuppressed(writeFailed);
    }
  }

  void unexpected(Exception e, Context ctx) {
    String id = RequestIds.of(ctx);
    LOG.error("request {} {} failed [request id {}]", ctx.method(), ctx.path(), id, e);
    Problem.write(ctx, 500, INTERNAL, "the request failed; quote request id " + id
        + " when reporting it", null);
  }
}
