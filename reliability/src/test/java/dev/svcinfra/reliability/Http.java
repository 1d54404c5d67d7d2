package dev.svcinfra.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client for one running service: method, path, body, headers; every answer with its latency.
 *
 * <pre>{@code
 * Http http = new Http(port);
 * Http.Reply r = http.send("POST", "/users", "{\"email\":\"a@x.io\"}");
 * }</pre>
 *
 * @since 0.1
 */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  // HTTP/1.1 only: the default would try an h2c upgrade on requests without a body.
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final Duration timeout;

  Http(int port) {
    this(port, Duration.ofSeconds(30));
  }

  Http(int port, Duration timeout) {
    this.base = "http://127.0.0.1:" + port;
    this.timeout = timeout;
  }

  Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Reply post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  /** Sends one request; a connection failure or a timeout is an {@link IOException} wrapped. */
  Reply send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          r.statusCode(), r.body(), r.headers().map(), Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(
          method
              + " "
              + path
              + " failed after "
              + Duration.ofNanos(System.nanoTime() - start).toMillis()
              + " ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One response and how long it took. */
  record Reply(int status, String body, Map<String, List<String>> headers, Duration latency) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Whether this is an RFC 9457 problem: the media type, a JSON object with its status. */
    boolean isProblem() {
      String type = header("Content-Type");
      if (type == null || !type.startsWith("application/problem+json")) {
        return false;
      }
      try {
        JsonNode n = JSON.readTree(body);
        return n.isObject() && n.path("status").asInt() == status && n.hasNonNull("title");
      } catch (IOException e) {
        return false;
      }
    }

    /** Whether the body leaks internals: a Java stack frame or exception class name. */
    boolean leaksInternals() {
      return body.contains("\tat ")
          || body.contains("at dev.svcinfra.")
          || body.matches(
              "(?s).*\\b(java|javax|org|com)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)\\b.*");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
