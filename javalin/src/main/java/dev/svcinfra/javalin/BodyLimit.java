package dev.svcinfra.javalin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body up to a byte limit: a declared {@code Content-Length} over the limit is
 * refused before reading, and a chunked body is cut off as soon as it passes the limit, so an
 * oversized upload never sits in memory.
 */
final class BodyLimit {
  private BodyLimit() {}

  static byte[] read(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static RequestRejectedException tooLarge(long limit) {
    return new RequestRejectedException(413, RequestRejectedException.BODY_TOO_LARGE,
        "the request body is larger than " + limit + " bytes");
  }
}
