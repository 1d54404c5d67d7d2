package dev.svcinfra.sql.internal.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The response of a request that completed under an idempotency key, as a replay repeats it: the
 * status, the headers that describe the result (content type, location, entity tag) and the body.
 */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> HEADERS =
      new TypeReference<>() {};

  public StoredResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = Objects.requireNonNull(body, "body").clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The headers as the JSON object the table stores. */
  String headersJson() {
    try {
      return JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  /** A stored response read back; {@code headersJson} as {@link #headersJson()} wrote it. */
  static StoredResponse read(int status, String headersJson, byte[] body) {
    Map<String, String> headers;
    try {
      headers = headersJson == null ? Map.of() : JSON.readValue(headersJson, HEADERS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored response headers are not a JSON object", e);
    }
    return new StoredResponse(status, headers, body == null ? new byte[0] : body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredResponse r
        && r.status == status
        && r.headers.equals(headers)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "StoredResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
  }
}
