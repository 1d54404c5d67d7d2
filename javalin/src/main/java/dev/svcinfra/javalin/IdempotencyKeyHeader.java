package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import java.util.List;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header): one
 * value, a Structured Field String ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}) or, as most
 * clients send it, the same characters without quotes. The key is 1 to {@value #MAX_LENGTH} visible
 * ASCII characters; anything else, or the header twice with different values, is a 400 {@code
 * idempotency_key_invalid}: a client that meant to make its request safe to retry must not get a
 * write that is not.
 */
final class IdempotencyKeyHeader {
  static final String NAME = "Idempotency-Key";

  /** The replay marker on a response repeated from the store. */
  static final String REPLAYED = "Idempotent-Replayed";

  static final int MAX_LENGTH = 255;

  private IdempotencyKeyHeader() {}

  /** The key of the header's values; null when there are none. */
  static String parse(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String key = key(values.get(0));
    for (String v : values.subList(1, values.size())) {
      if (!key(v).equals(key)) {
        throw invalid("send one " + NAME + " header, not several");
      }
    }
    return key;
  }

  private static String key(String raw) {
    String v = raw.strip();
    if (!v.startsWith("\"") && v.indexOf(',') >= 0) {
      // Proxies join repeated headers with commas: "a,b" may be two keys. Quoted, a comma is text.
      throw invalid("send one " + NAME + " header, not several");
    }
    String key = v.startsWith("\"") ? unquote(v) : v;
    if (key.isEmpty()) {
      throw invalid(NAME + " is empty");
    }
    if (key.length() > MAX_LENGTH) {
      throw invalid(NAME + " is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw invalid(
            NAME + " holds a character that is not visible ASCII (space, control or non-ASCII)");
      }
    }
    return key;
  }

  /** An sf-string: {@code "..."} where only {@code \"} and {@code \\} are escapes. */
  private static String unquote(String v) {
    StringBuilder out = new StringBuilder(v.length());
    int i = 1;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '\\') {
        if (i + 1 >= v.length() || (v.charAt(i + 1) != '"' && v.charAt(i + 1) != '\\')) {
          throw invalid(NAME + " is a quoted string with an escape other than \\\" or \\\\");
        }
        out.append(v.charAt(i + 1));
        i += 2;
      } else if (c == '"') {
        if (i != v.length() - 1) {
          throw invalid(NAME + " has text after its closing quote");
        }
        return out.toString();
      } else {
        out.append(c);
        i++;
      }
    }
    throw invalid(NAME + " is a quoted string without its closing quote");
  }

  private static RequestRejectedException invalid(String why) {
    return new RequestRejectedException(
        ErrorCode.IDEMPOTENCY_KEY_INVALID,
        why
            + "; send a unique value such as a UUID, at most "
            + MAX_LENGTH
            + " visible ASCII"
            + " characters");
  }
}
