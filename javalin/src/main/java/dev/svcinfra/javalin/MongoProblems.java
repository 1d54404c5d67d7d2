package dev.svcinfra.javalin;

import dev.svcinfra.mongo.DocumentNotFoundException;
import dev.svcinfra.mongo.DuplicateKeyException;
import dev.svcinfra.mongo.MongoNotInitializedException;
import dev.svcinfra.mongo.MongoStoreException;
import dev.svcinfra.mongo.MongoUnavailableException;
import dev.svcinfra.mongo.MongoValidationException;
import dev.svcinfra.sql.FieldError;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * MongoDB failures as the same problem responses SQL failures get: not found 404, duplicate key
 * 409 {@code conflict}, validation 422 with the field list, an unreachable or not yet opened
 * client 503 with {@code Retry-After}. Anything else goes to the app's generic 500.
 */
final class MongoProblems {
  /** Query parameters whose bad values are "not allowed" choices rather than bad values. */
  private static final Set<String> ALLOWLISTED = Set.of("order_by", "fields");

  private final ProblemMapper problems;

  MongoProblems(ProblemMapper problems) {
    this.problems = problems;
  }

  void handle(MongoStoreException e, Context ctx) {
    if (e instanceof DocumentNotFoundException) {
      Problem.write(ctx, 404, e.code(), e.getMessage(), null);
    } else if (e instanceof DuplicateKeyException) {
      Problem.write(ctx, 409, e.code(), e.getMessage(), null);
    } else if (e instanceof MongoValidationException v) {
      String code = ALLOWLISTED.contains(v.field()) ? FieldError.NOT_ALLOWED
          : FieldError.INVALID_VALUE;
      Problem.write(ctx, 422, e.code(), e.getMessage(),
          List.of(new FieldError(v.field(), code, v.getMessage())));
    } else if (e instanceof MongoUnavailableException) {
      problems.unavailable(e, ctx, "the database is unavailable or busy; retry later");
    } else if (e instanceof MongoNotInitializedException) {
      // Between stop and start, or before the app opened the client: temporary for the caller.
      problems.unavailable(new MongoUnavailableException(e.getMessage(), e), ctx,
          "the database is unavailable or busy; retry later");
    } else {
      problems.unexpected(e, ctx);
    }
  }
}
