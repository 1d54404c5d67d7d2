package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception a request can end with into a problem+json response. svc-infra's exceptions
 * map by their {@link ErrorCode}, one table for SQL, MongoDB and the HTTP layer: the code's status
 * and {@link ErrorCode#problemCode() problem code}, the field list of a validation failure, and for
 * a 503 ({@code database_unavailable}, {@code pool_exhausted}, {@code statement_timeout}, {@code
 * commit_outcome_unknown}) a {@code Retry-After} and a generic detail (503, not 504: the service
 * itself is overloaded or its database is, no gateway timed out). Javalin's own errors (unknown
 * route, wrong method) keep their status with a generic detail. Anything else, and every code whose
 * status is 500, is logged with its stack trace and answered 500 with the request id only.
 */
final class ProblemMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

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
    answer(e, ctx, e instanceof ValidationException v ? v.errors() : null);
  }

  /**
   * The one lookup (issue 17): the status comes from the code, never from the exception's type.
   *
   * @param errors the field list of a 422, or null
   */
  void answer(SvcInfraException e, Context ctx, List<FieldError> errors) {
    ErrorCode code = e.code();
    int status = code.httpStatus();
    if (status == 500) {
      unexpected(e, ctx);
    } else if (status == 503) {
      // The full message names the server; it goes to the log, the client gets the reason.
      LOG.warn(
          "request {} {} failed: {} [{}]",
          ctx.method(),
          ctx.path(),
          e.getMessage(),
          RequestIds.of(ctx));
      ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
      Problem.write(ctx, status, code.problemCode(), unavailableDetail(code), null);
    } else {
      Problem.write(ctx, status, code.problemCode(), e.getMessage(), errors);
    }
  }

  /** What a client is told about a 503; the server's name stays in the log. */
  private static String unavailableDetail(ErrorCode code) {
    return switch (code) {
      case STATEMENT_TIMEOUT -> "the database did not answer in time; retry later";
      // The write may have been committed: a blind retry can write twice (issue 18).
      case COMMIT_OUTCOME_UNKNOWN ->
          "the connection to the database was lost while committing: the write may or may not"
              + " have happened; retry with the same Idempotency-Key, or check before retrying";
      default -> "the database is unavailable or busy; retry later";
    };
  }

  void http(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    ErrorCode code =
        switch (status) {
          case 404 -> ErrorCode.ROUTE_NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 413 -> ErrorCode.BODY_TOO_LARGE;
          default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    String detail =
        switch (status) {
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
      res.getWriter()
          .write(
              JsonCodec.write(
                  Problem.body(500, ErrorCode.INTERNAL_ERROR, "the request failed", null)));
    } catch (IOException | IllegalStateException writeFailed) {
      e.addSuppressed(writeFailed);
    }
  }

  void unexpected(Exception e, Context ctx) {
    String id = RequestIds.of(ctx);
    LOG.error("request {} {} failed [request id {}]", ctx.method(), ctx.path(), id, e);
    Problem.write(
        ctx,
        500,
        ErrorCode.INTERNAL_ERROR,
        "the request failed; quote request id " + id + " when reporting it",
        null);
  }
}
