package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a byte limit; a larger body is a 413. Only {@code limit + 1} bytes are
 * ever kept in memory. The rest of an oversized body is read and thrown away (up to a bound) before
 * answering: a server that answers and closes while the client is still sending makes the client
 * see a reset connection instead of the 413.
 */
final class BodyLimit {
  /** How much of an oversized body is drained before the connection is given up instead. */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private BodyLimit() {}

  static byte[] read(Context ctx, long limit) {
    try (InputStream in = ctx.req().getInputStream()) {
      // One byte more than allowed tells an oversized body apart. A declared length sizes the
      // read to the body (readNBytes buffers min(wanted, 8 KiB) per chunk), so a small JSON
      // body does not cost an 8 KiB buffer; the limit still holds whatever the header says.
      long declared = ctx.req().getContentLengthLong();
      long wanted = declared >= 0 ? Math.min(declared, limit) + 1 : limit + 1;
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, wanted));
      if (bytes.length > limit) {
        if (!drain(in)) {
          ctx.header("Connection", "close");
        }
        throw new RequestRejectedException(
            ErrorCode.BODY_TOO_LARGE, "the request body is larger than " + limit + " bytes");
      }
      return bytes;
    } catch (IOException | org.eclipse.jetty.http.BadMessageException e) {
      // A body shorter than its Content-Length or with broken chunked framing is the client's
      // error, not a 500 (issue 16). The connection cannot carry another request after it.
      ctx.header("Connection", "close");
      throw new RequestRejectedException(
          ErrorCode.BODY_MALFORMED,
          "the request body ended before its Content-Length or its chunked encoding is broken");
    }
  }

  /** Reads and drops the rest of the body; false when it is larger than {@link #DRAIN_LIMIT}. */
  private static boolean drain(InputStream in) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long drained = 0;
    int n;
    while ((n = in.read(sink)) >= 0) {
      drained += n;
      if (drained > DRAIN_LIMIT) {
        return false;
      }
    }
    return true;
  }
}
