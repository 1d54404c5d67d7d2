package dev.svcinfra.config.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding for the parts of a database URL. Unlike {@link java.net.URLEncoder}, a
 * space is {@code %20} and {@code +} stays a literal plus when decoding, which is what SQLAlchemy
 * and libpq expect in user names and passwords.
 *
 * @since 0.1
 */
public final class PercentCodec {
  private PercentCodec() {}

  /** Characters kept as they are in user info (RFC 3986 unreserved). */
  public static final String USERINFO_SAFE = "-._~";

  /** Path segments keep {@code /} so SQLite and DuckDB file paths stay readable. */
  public static final String PATH_SAFE = "-._~/";

  /** Query values keep a few harmless delimiters so socket paths and lists stay readable. */
  public static final String QUERY_SAFE = "-._~/:,";

  public static String encode(String value, String safe) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || safe.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} escapes; a malformed escape is kept literally rather than rejected. */
  public static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    int runStart = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '%' && isHex(value, i + 1) && isHex(value, i + 2)) {
        writeUtf8(out, value.substring(runStart, i));
        out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
        runStart = i + 1;
      }
    }
    writeUtf8(out, value.substring(runStart));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void writeUtf8(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
