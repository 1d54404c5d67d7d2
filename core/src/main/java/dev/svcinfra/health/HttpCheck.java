package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Checks an HTTP dependency: a {@code GET} of the URL must answer the expected status (any 2xx
 * unless one is given) within the timeout. Redirects are not followed, so a redirect to a login
 * page is not mistaken for success.
 *
 * <pre>{@code
 * registry.add("payments", HttpCheck.of("http://payments:8080/_health/ready"), false);
 * registry.add("search", HttpCheck.of("http://search:9200/").expectStatus(200));
 * }</pre>
 *
 * <p>Messages show the URL without user information.
 *
 * @since 0.1
 */
public final class HttpCheck implements HealthCheck {
  /** The default bound of connect plus response. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  private static final int ANY_2XX = -1;

  private final URI uri;
  private final String display;
  private final int expected;
  private final Duration timeout;
  private final HttpClient client;

  private HttpCheck(URI uri, int expected, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the HTTP check's timeout must be positive, got " + timeout);
    }
    if (expected != ANY_2XX && (expected < 100 || expected > 599)) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the HTTP check's expected status must be 100..599, got " + expected);
    }
    this.uri = uri;
    this.display = withoutUserInfo(uri);
    this.expected = expected;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A check of {@code url} ({@code http} or {@code https}) expecting any 2xx status.
   *
   * @throws HealthException {@code health_check_invalid} for a malformed or non-HTTP URL
   */
  public static HttpCheck of(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the HTTP check's URL is not valid: " + SecretMask.apply(String.valueOf(url)));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the HTTP check needs an http:// or https:// URL with a host, got "
              + SecretMask.apply(String.valueOf(url)));
    }
    return new HttpCheck(uri, ANY_2XX, DEFAULT_TIMEOUT);
  }

  /** This check expecting exactly {@code status}. */
  public HttpCheck expectStatus(int status) {
    return new HttpCheck(uri, status, timeout);
  }

  /** This check with another bound for connect plus response. */
  public HttpCheck withTimeout(Duration value) {
    return new HttpCheck(uri, expected, value);
  }

  @Override
  public CheckResult check() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpConnectTimeoutException e) {
      return CheckResult.unhealthy(
          "cannot connect to " + display + " within " + timeout.toMillis() + " ms");
    } catch (HttpTimeoutException e) {
      return CheckResult.unhealthy(
          display + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      String reason =
          e.getMessage() == null ? "connection failed" : SecretMask.apply(e.getMessage());
      return CheckResult.unhealthy("GET " + display + " failed: " + reason);
    }
    int status = response.statusCode();
    boolean ok = expected == ANY_2XX ? status >= 200 && status < 300 : status == expected;
    CheckResult result =
        ok
            ? CheckResult.healthy()
            : CheckResult.unhealthy(
                "GET "
                    + display
                    + " answered "
                    + status
                    + ", expected "
                    + (expected == ANY_2XX ? "2xx" : String.valueOf(expected)));
    return result.withDetail("http_status", status);
  }

  private static String withoutUserInfo(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }

  @Override
  public String toString() {
    return "HttpCheck[" + display + "]";
  }
}
