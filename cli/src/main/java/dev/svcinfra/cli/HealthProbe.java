package dev.svcinfra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * One {@code GET} of a service's health URL, read the way Kubernetes and svc-infra's own routes
 * mean it: a non-2xx answer is unhealthy; a 2xx answer takes the {@code status} of its JSON body
 * ({@code healthy}, {@code degraded}, {@code unhealthy}; {@code ok} counts as healthy), and is
 * healthy when the body says nothing.
 */
final class HealthProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI uri;
  private final String display;
  private final HttpClient client;

  private HealthProbe(URI uri, String display) {
    this.uri = uri;
    this.display = display;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A probe of {@code url}; a usage error (exit 2) unless it is an http(s) URL with a host. */
  static HealthProbe of(String url, CommandSpec spec) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        URI shown =
            new URI(
                uri.getScheme(),
                null,
                uri.getHost(),
                uri.getPort(),
                uri.getPath(),
                uri.getQuery(),
                null);
        return new HealthProbe(uri, shown.toString());
      }
    } catch (URISyntaxException e) {
      // reported below, without echoing what may hold credentials
    }
    throw new ParameterException(
        spec.commandLine(),
        "URL must be an http:// or https:// URL with a host, such as http://localhost:8080/_health/ready");
  }

  /** The URL as printed: without user information. */
  String display() {
    return display;
  }

  /** One attempt, bounded by {@code timeout} for connect plus response. */
  ProbeResult call(Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      return ProbeResult.failed(
          display, "cannot connect within " + seconds(timeout), since(started));
    } catch (HttpTimeoutException e) {
      return ProbeResult.failed(display, "no answer within " + seconds(timeout), since(started));
    } catch (IOException e) {
      return ProbeResult.failed(display, "cannot connect: " + reason(e), since(started));
    }
    JsonNode body = parse(response.body());
    int code = response.statusCode();
    String status;
    if (code < 200 || code > 299) {
      status = "unhealthy";
    } else {
      String said = body.path("status").asText("").toLowerCase(Locale.ROOT);
      status =
          switch (said) {
            case "degraded", "unhealthy", "unknown" -> said;
            default -> "healthy";
          };
    }
    return new ProbeResult(display, status, code, since(started), body, null);
  }

  /** The first message down the cause chain: HttpClient's own exception often has none. */
  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof ConnectException ? "connection refused" : "connection failed";
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static long since(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
