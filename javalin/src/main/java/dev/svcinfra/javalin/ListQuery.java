package dev.svcinfra.javalin;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.repo.CountMode;
import dev.svcinfra.sql.repo.ListRequest;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the query parameters of a list request into a {@link ListRequest}: {@code limit} (1..{@link
 * ListRequest#MAX_LIMIT}, default {@link ListRequest#DEFAULT_LIMIT}), {@code offset} (0 or more),
 * {@code order_by} (comma list, {@code -} for descending), {@code q} and {@code fields} (comma
 * list), {@code cursor} for keyset paging (present but empty: the first slice), and for SQL
 * resources {@code count} or {@code Prefer: count=} (see {@link ListCount}). Text that is not a
 * whole number is a field error here; ranges and combinations are checked by {@link
 * ListRequest.Builder#build()}, and both kinds are reported together. A SQL resource's filter
 * parameters are read by {@link QueryParameters}; their values are checked by the repository, in
 * the same 422. Whether a field may be ordered by or searched is the repository's rule.
 */
final class ListQuery {
  /** The order errors are reported in: the order of the parameters above. */
  private static final List<String> PARAMETERS =
      List.of("limit", "offset", "cursor", ListCount.PARAMETER, ListCount.PREFER);

  private ListQuery() {}

  static ListRequest parse(Context ctx, List<String> defaultOrder) {
    return parse(ctx, defaultOrder, null, null);
  }

  /**
   * With {@code parameters}, the resource's filters as well, its rule for other parameters (issue
   * 21), and the count mode ({@link ListCount}, else {@code defaultCount}); without, other
   * parameters are ignored (document resources).
   */
  static ListRequest parse(
      Context ctx, List<String> defaultOrder, QueryParameters parameters, CountMode defaultCount) {
    List<FieldError> errors = new ArrayList<>();
    ListRequest.Builder request = ListRequest.builder();
    if (parameters != null) {
      parameters.filters(ctx, errors).forEach(request::where);
      request.count(ListCount.read(ctx, defaultCount, parameters.countParameter(), errors));
    }
    String limit = ctx.queryParam("limit");
    if (limit != null && isNumber(limit, "limit", errors)) {
      long value = Long.parseLong(limit);
      // Out of int range is out of 1..MAX_LIMIT: build() names it with the usual message.
      request.limit((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
    }
    String offset = ctx.queryParam("offset");
    if (offset != null) {
      // A malformed offset still counts as given, so a cursor beside it is refused as well.
      request.offset(isNumber(offset, "offset", errors) ? Long.parseLong(offset) : 0);
    }
    List<String> orderBy = list(ctx.queryParam("order_by"));
    String cursor = ctx.queryParam("cursor");
    request
        .orderBy(orderBy)
        .defaultOrder(defaultOrder)
        .search(ctx.queryParam("q"), list(ctx.queryParam("fields")));
    if (cursor != null) {
      // Issue 16: an empty cursor is the first keyset slice, as documented ("empty for the first
      // slice"), not a cursor to decode.
      request.after(cursor);
    }
    try {
      ListRequest built = request.build();
      if (errors.isEmpty()) {
        return built;
      }
    } catch (ValidationException e) {
      errors.addAll(e.errors());
    }
    errors.sort(Comparator.comparingInt(e -> PARAMETERS.indexOf(e.field())));
    throw new ValidationException(errors);
  }

  private static boolean isNumber(String text, String name, List<FieldError> errors) {
    if (text.matches("-?[0-9]{1,18}")) {
      return true;
    }
    errors.add(new FieldError(name, FieldError.INVALID_TYPE, "expected a whole number"));
    return false;
  }

  private static List<String> list(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
