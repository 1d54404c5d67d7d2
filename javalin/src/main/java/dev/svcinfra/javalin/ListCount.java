package dev.svcinfra.javalin;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.repo.CountMode;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How a list request asks for its total (issue 23): the {@code count} query parameter, or {@code
 * Prefer: count=...} as PostgREST takes it; both accept {@code exact}, {@code planned} and {@code
 * none}, spelled so. Both may be sent when they agree. A value outside the three, in either place,
 * is a 422 naming where it came from: counting differently from what the client asked would give it
 * a number it did not ask for. Other preferences in {@code Prefer} are left alone, and a preference
 * given twice counts once, the first time (RFC 7240, section 2).
 */
final class ListCount {
  static final String PARAMETER = "count";
  static final String PREFER = "Prefer";
  static final String PREFERENCE_APPLIED = "Preference-Applied";
  static final List<String> VALUES = List.of("exact", "planned", "none");

  private ListCount() {}

  /**
   * The count mode the request asks for, else {@code fallback}; each problem goes to {@code
   * errors}, and the fallback is returned with it. Without {@code queryParameter} (the resource
   * filters on a field named {@code count}) only {@code Prefer} is read.
   */
  static CountMode read(
      Context ctx, CountMode fallback, boolean queryParameter, List<FieldError> errors) {
    List<String> query = queryParameter ? ctx.queryParamMap().get(PARAMETER) : null;
    CountMode fromQuery = null;
    if (query == null) {
      // not sent
    } else if (query.isEmpty()) {
      // Javalin keeps the name of a parameter whose value is not valid percent-encoding but drops
      // the value: answered as a bad value, never as "not sent".
      errors.add(
          new FieldError(
              PARAMETER,
              FieldError.INVALID_VALUE,
              "has no readable value (malformed percent-encoding)"));
    } else if (query.size() > 1) {
      errors.add(new FieldError(PARAMETER, FieldError.NOT_ALLOWED, "is given more than once"));
    } else if (query.size() == 1) {
      fromQuery = parse(query.get(0), PARAMETER, errors);
    }
    String preferred = preferred(ctx);
    CountMode fromHeader = preferred == null ? null : parse(preferred, PREFER, errors);
    if (fromQuery != null && fromHeader != null && fromQuery != fromHeader) {
      errors.add(
          new FieldError(
              PARAMETER,
              FieldError.NOT_ALLOWED,
              "is "
                  + fromQuery.token()
                  + " but Prefer asks for count="
                  + fromHeader.token()
                  + "; send one, or the same in both"));
    }
    return fromQuery != null ? fromQuery : fromHeader != null ? fromHeader : fallback;
  }

  /**
   * The value of the first {@code count} preference of the request's {@code Prefer} headers, its
   * quotes removed; null without one.
   */
  static String preferred(Context ctx) {
    for (String header : Collections.list(ctx.req().getHeaders(PREFER))) {
      for (String preference : header.split(",")) {
        String p = preference.strip();
        int semicolon = p.indexOf(';');
        if (semicolon >= 0) {
          p = p.substring(0, semicolon).strip();
        }
        int eq = p.indexOf('=');
        String name = (eq < 0 ? p : p.substring(0, eq)).strip();
        if (name.toLowerCase(Locale.ROOT).equals(PARAMETER)) {
          String value = eq < 0 ? "" : p.substring(eq + 1).strip();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return value;
        }
      }
    }
    return null;
  }

  private static CountMode parse(String value, String where, List<FieldError> errors) {
    if (VALUES.contains(value)) {
      return CountMode.valueOf(value.toUpperCase(Locale.ROOT));
    }
    errors.add(
        new FieldError(
            where,
            FieldError.INVALID_VALUE,
            (where.equals(PREFER) ? "asks for count=" + shown(value) + "; " : "")
                + "expected one of "
                + String.join(", ", VALUES)));
    return null;
  }

  /** The value as the message shows it: cut short, so a huge header does not fill the body. */
  private static String shown(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
