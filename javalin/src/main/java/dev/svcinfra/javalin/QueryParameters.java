package dev.svcinfra.javalin;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.Filter;
import dev.svcinfra.sql.repo.Filter.Operator;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query parameters the routes of one SQL resource accept (issue 21): the list route takes the
 * paging and search parameters and a filter parameter per allowlisted field and operator ({@code
 * status=open}, {@code price[gte]=10}, {@code status[in]=a,b}, {@code deleted_by[is]=null}, {@code
 * name[prefix]=an}); the other routes take none. Any other parameter is a 422 listing the accepted
 * ones, unless the resource allows unknown parameters. A parameter naming a field of the model that
 * is not a filter field is a 422 either way: ignoring it would list every row as if it had
 * filtered.
 */
final class QueryParameters {
  /** The list route's own parameters (see {@link ListQuery}). */
  static final List<String> LIST =
      List.of("limit", "offset", "order_by", "q", "fields", "cursor", "count");

  /** {@code field} or {@code field[op]}. */
  private static final Pattern FILTER = Pattern.compile("([^\\[\\]]+)(?:\\[([^\\[\\]]*)\\])?");

  private final TableMapping<?> mapping;
  private final Map<String, MappedColumn> filterFields;
  private final boolean refuseUnknown;
  private final List<String> accepted;

  QueryParameters(
      TableMapping<?> mapping, Map<String, MappedColumn> filterFields, boolean refuseUnknown) {
    this.mapping = mapping;
    this.filterFields = filterFields;
    this.refuseUnknown = refuseUnknown;
    List<String> all = new ArrayList<>(LIST);
    if (!countParameter()) {
      all.remove(ListCount.PARAMETER);
    }
    filterFields.values().forEach(c -> all.addAll(names(c)));
    this.accepted = List.copyOf(all);
  }

  /**
   * The parameters of a resource filtering by {@code fields}.
   *
   * @throws IllegalArgumentException naming a field the model does not have or cannot compare
   */
  static QueryParameters of(
      TableMapping<?> mapping, String prefix, List<String> fields, boolean refuseUnknown) {
    Map<String, MappedColumn> filters = new LinkedHashMap<>();
    for (String f : fields) {
      MappedColumn c =
          mapping
              .column(f)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          mapping.type().getName() + " has no column '" + f + "' to filter by"));
      if (!Operator.EQ.appliesTo(c.type())) {
        throw new IllegalArgumentException(
            "filter field "
                + f
                + " of "
                + prefix
                + " is "
                + c.type()
                + ", which cannot be compared");
      }
      filters.put(c.name(), c);
    }
    return new QueryParameters(mapping, Collections.unmodifiableMap(filters), refuseUnknown);
  }

  /** The operator's word in a parameter: {@code gte}, {@code in}, {@code prefix}. */
  static String token(Operator op) {
    return switch (op) {
      case IS_NULL, IS_NOT_NULL -> "is";
      default -> op.name().toLowerCase(Locale.ROOT);
    };
  }

  /** The filter parameters of one field: {@code name}, then {@code name[op]} per operator. */
  static List<String> names(MappedColumn c) {
    List<String> out = new ArrayList<>();
    out.add(c.name());
    for (Operator op : Operator.values()) {
      if (op != Operator.IS_NOT_NULL && op.appliesTo(c.type())) {
        out.add(c.name() + "[" + token(op) + "]");
      }
    }
    return out;
  }

  /** Every parameter the list route accepts, in the order the documentation lists them. */
  List<String> accepted() {
    return accepted;
  }

  /**
   * Whether {@code count} chooses the count mode (issue 23). A filter field named {@code count}
   * keeps the parameter, as before count modes existed; such a resource takes the mode from {@code
   * Prefer: count=} only.
   */
  boolean countParameter() {
    return !filterFields.containsKey(ListCount.PARAMETER);
  }

  /** Whether parameters the routes do not take are a 422. */
  boolean refusesUnknown() {
    return refuseUnknown;
  }

  /** The allowlisted filter fields, in the order declared. */
  Map<String, MappedColumn> filterFields() {
    return filterFields;
  }

  /**
   * The filters a list request asks for; each problem (an unknown parameter, a field that is not a
   * filter field, an unknown operator, a filter given twice) goes to {@code errors}.
   */
  List<Filter> filters(Context ctx, List<FieldError> errors) {
    List<Filter> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      String name = e.getKey();
      if (LIST.contains(name) && (countParameter() || !name.equals(ListCount.PARAMETER))) {
        continue;
      }
      Matcher m = FILTER.matcher(name);
      MappedColumn field = m.matches() ? filterFields.get(m.group(1)) : null;
      if (field == null) {
        refused(name, m.matches() ? m.group(1) : null, errors);
      } else if (e.getValue().isEmpty()) {
        // Javalin keeps the name of a parameter whose value is not valid percent-encoding but
        // drops the value.
        errors.add(
            new FieldError(
                name,
                FieldError.INVALID_VALUE,
                "has no readable value (malformed percent-encoding)"));
      } else if (e.getValue().size() > 1) {
        errors.add(
            new FieldError(
                name,
                FieldError.NOT_ALLOWED,
                "is given more than once; list values with " + field.name() + "[in]=a,b"));
      } else {
        Filter f = filter(field, m.group(2), e.getValue().get(0), name, errors);
        if (f != null) {
          out.add(f.named(name));
        }
      }
    }
    return out;
  }

  /**
   * Refuses the query parameters of a route that takes none (one row, create, change, delete).
   *
   * @throws ValidationException listing each parameter, unless unknown ones are allowed
   */
  void refuseAll(Context ctx) {
    if (!refuseUnknown || ctx.queryParamMap().isEmpty()) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    for (String name : ctx.queryParamMap().keySet()) {
      errors.add(
          new FieldError(
              name, FieldError.UNKNOWN_FIELD, "is not a query parameter; this route takes none"));
    }
    throw new ValidationException(errors);
  }

  private void refused(String name, String field, List<FieldError> errors) {
    if (field != null && mapping.column(field).isPresent()) {
      errors.add(
          new FieldError(
              name,
              FieldError.NOT_ALLOWED,
              "cannot filter on '"
                  + field
                  + "'; filter fields: "
                  + (filterFields.isEmpty() ? "none" : String.join(", ", filterFields.keySet()))));
    } else if (refuseUnknown) {
      errors.add(
          new FieldError(
              name,
              FieldError.UNKNOWN_FIELD,
              "is not a query parameter of this route; it accepts: "
                  + String.join(", ", accepted)));
    }
  }

  private static Filter filter(
      MappedColumn field, String op, String value, String name, List<FieldError> errors) {
    if (op == null || op.equals("eq")) {
      return Filter.of(field.name(), Operator.EQ, value);
    }
    switch (op) {
      case "is":
        if (value.equals("null")) {
          return Filter.of(field.name(), Operator.IS_NULL);
        }
        if (value.equals("not_null")) {
          return Filter.of(field.name(), Operator.IS_NOT_NULL);
        }
        errors.add(new FieldError(name, FieldError.INVALID_VALUE, "expected null or not_null"));
        return null;
      case "in":
        return Filter.of(field.name(), Operator.IN, Arrays.asList(value.split(",", -1)));
      case "ne", "gt", "gte", "lt", "lte", "prefix":
        return Filter.of(field.name(), Operator.valueOf(op.toUpperCase(Locale.ROOT)), value);
      default:
        errors.add(
            new FieldError(
                name,
                FieldError.INVALID_VALUE,
                "unknown operator '"
                    + op
                    + "'; operators: eq, ne, gt, gte, lt, lte, in, is, prefix"));
        return null;
    }
  }
}
