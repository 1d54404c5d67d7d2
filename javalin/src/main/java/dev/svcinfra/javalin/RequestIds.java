package dev.svcinfra.javalin;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} and in 5xx problem bodies, so a user
 * can quote it and an operator can find the stack trace in the log. A well-formed incoming id (from
 * a proxy) is kept.
 */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "svc-infra.request-id";
  // Only short, printable ids are echoed back: a header value must never inject anything.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String id = accept(ctx.header(HEADER));
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  /** The incoming id when it is well-formed, else a new one. */
  static String accept(String incoming) {
    return incoming != null && SAFE.matcher(incoming).matches() ? incoming : newId();
  }

  /**
   * A random version-4 UUID drawn from {@link ThreadLocalRandom}. A request id only has to be
   * unique enough to find one request in the logs; it grants nothing, so it need not be
   * unguessable. {@link UUID#randomUUID} would draw from the shared SecureRandom on every request
   * (a lock and a SHA-1 round each time).
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  static String of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }
}
