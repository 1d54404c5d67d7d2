package dev.svcinfra.javalin;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The query parameters of a list request: {@code limit} (1..1000, default 50), {@code offset}
 * (0 or more), {@code order_by} (comma list, {@code -} for descending), {@code q} and
 * {@code fields} (comma list), and {@code cursor} for keyset paging (present but empty: the first
 * slice, so {@link #cursor()} is null while {@link #keyset()} is true). Malformed values are field
 * errors, reported together; whether a field may be ordered by or searched is the repository's
 * rule.
 */
record ListQuery(int limit, long offset, List<String> orderBy, String q, List<String> fields,
    boolean keyset, String cursor) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  static ListQuery parse(Context ctx, List<String> defaultOrder) {
    List<FieldError> errors = new ArrayList<>();
    long limit = number(ctx, "limit", DEFAULT_LIMIT, errors);
    if (limit != Long.MIN_VALUE && (limit < 1 || limit > MAX_LIMIT)) {
      errors.add(new FieldError("limit", FieldError.INVALID_VALUE, "must be 1.." + MAX_LIMIT));
    }
    long offset = number(ctx, "offset", 0, errors);
    if (offset != Long.MIN_VALUE && offset < 0) {
      errors.add(new FieldError("offset", FieldError.INVALID_VALUE, "must be 0 or more"));
    }
    List<String> orderBy = list(ctx.queryParam("order_by"));
    String cursor = ctx.queryParam("cursor");
    String q = ctx.queryParam("q");
    boolean keyset = cursor != null;
    if (cursor != null && cursor.isEmpty()) {
      // Issue 16: an empty cursor is the first keyset slice, as documented ("empty for the first
      // slice"), not a cursor to decode.
      cursor = null;
    }
    if (keyset && (ctx.queryParam("offset") != null || (q != null && !q.isBlank())
        || orderBy.size() > 1)) {
      errors.add(new FieldError("cursor", FieldError.NOT_ALLOWED, "keyset paging takes limit and "
          + "at most one order_by field; it cannot be combined with offset or q"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new ListQuery((int) limit, offset, orderBy.isEmpty() ? defaultOrder : orderBy, q,
        list(ctx.queryParam("fields")), keyset, cursor);
  }

  private static long number(Context ctx, String name, long fallback, List<FieldError> errors) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    if (!text.matches("-?[0-9]{1,18}")) {
      errors.add(new FieldError(name, FieldError.INVALID_TYPE, "expected a whole number"));
      return Long.MIN_VALUE;
    }
    return Long.parseLong(text);
  }

  private static List<String> list(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
