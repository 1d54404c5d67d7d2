package dev.svcinfra.javalin;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} and in 5xx problem bodies, so a user
 * can quote it and an operator can find the stack trace in the log. A well-formed incoming id
 * (from a proxy) is kept.
 */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "svc-infra.request-id";
  // Only short, printable ids are echoed back: a header value must never inject anything.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String incoming = ctx.header(HEADER);
    String id = incoming != null && SAFE.matcher(incoming).matches() ? incoming
        : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  static String of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }
}
