package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Entity tags of single-row responses (RFC 9110, sections 8.8.3 and 13.1): the {@code ETag} header
 * is the row's tag in quotes, always strong; {@code If-Match} compares strongly (a weak tag never
 * matches), {@code If-None-Match} weakly. {@code *} stands for "any current row". A header that is
 * not a list of entity tags is a 400 {@code precondition_invalid}: a client that meant a condition
 * must not get an unconditional write.
 */
final class EntityTags {
  static final String ETAG = "ETag";
  static final String IF_MATCH = "If-Match";
  static final String IF_NONE_MATCH = "If-None-Match";

  /** The parsed header: {@code *}, or the opaque tags with whether each was weak. */
  record Condition(boolean any, List<String> strong, List<String> all) {}

  private EntityTags() {}

  /** {@code "tag"}: row tags are digits or base64url, never a quote or backslash. */
  static String quoted(String tag) {
    return "\"" + tag + "\"";
  }

  /** The {@code If-Match} condition, or null when the request has none. */
  static Condition ifMatch(Context ctx) {
    return parse(ctx, IF_MATCH);
  }

  /** The {@code If-None-Match} condition, or null when the request has none. */
  static Condition ifNoneMatch(Context ctx) {
    return parse(ctx, IF_NONE_MATCH);
  }

  /** Strong comparison, for {@code If-Match}: only strong tags count. */
  static Set<String> strongTags(Condition c) {
    return new LinkedHashSet<>(c.strong());
  }

  /** Weak comparison, for {@code If-None-Match}: {@code W/"x"} matches {@code "x"}. */
  static boolean matchesWeakly(Condition c, String tag) {
    return c.any() || c.all().contains(tag);
  }

  private static Condition parse(Context ctx, String header) {
    return parse(
        ctx.req().getHeaders(header) == null
            ? List.of()
            : Collections.list(ctx.req().getHeaders(header)),
        header);
  }

  /** The condition of every value of {@code header}; null when there is none. */
  static Condition parse(List<String> values, String header) {
    if (values.isEmpty()) {
      return null;
    }
    List<String> strong = new ArrayList<>();
    List<String> all = new ArrayList<>();
    boolean any = false;
    for (String value : values) {
      int i = 0;
      int n = value.length();
      boolean expectItem = true;
      while (i < n) {
        char ch = value.charAt(i);
        if (ch == ' ' || ch == '\t') {
          i++;
        } else if (ch == ',') {
          expectItem = true;
          i++;
        } else if (!expectItem) {
          throw invalid(header);
        } else if (ch == '*') {
          any = true;
          expectItem = false;
          i++;
        } else {
          boolean weak = value.startsWith("W/", i);
          int open = weak ? i + 2 : i;
          if (open >= n || value.charAt(open) != '"') {
            throw invalid(header);
          }
          int close = open + 1;
          while (close < n && value.charAt(close) != '"') {
            char c = value.charAt(close);
            // etagc: %x21 / %x23-7E / obs-text; no controls, spaces or DEL.
            if (c < 0x21 || c == 0x7f) {
              throw invalid(header);
            }
            close++;
          }
          if (close >= n) {
            throw invalid(header);
          }
          String opaque = value.substring(open + 1, close);
          all.add(opaque);
          if (!weak) {
            strong.add(opaque);
          }
          expectItem = false;
          i = close + 1;
        }
      }
    }
    // "*" combined with tags is not a valid field value (RFC 9110: "*" / #entity-tag).
    if ((any && !all.isEmpty()) || (!any && all.isEmpty())) {
      throw invalid(header);
    }
    return new Condition(any, List.copyOf(strong), List.copyOf(all));
  }

  private static RequestRejectedException invalid(String header) {
    return new RequestRejectedException(
        ErrorCode.PRECONDITION_INVALID,
        header + " must be * or a comma-separated list of entity tags such as \"abc\"");
  }
}
