package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics}: the Prometheus text exposition, behind a bearer token when one is set
 * ({@code Authorization: Bearer <token>}; anything else is a 401 that says nothing about the
 * token). The token is compared in constant time and never logged.
 */
final class MetricsRoute {
  /** Micrometer's Prometheus registry, looked up by name so the dependency stays optional. */
  static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Long enough not to be guessed, and nothing that could break a header. */
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{16,512}");

  private final PrometheusMetrics metrics;
  private final byte[] expected;

  MetricsRoute(PrometheusMetrics metrics, String token) {
    this.metrics = metrics;
    this.expected = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Fails at start when the registry is missing or the token is unusable: a service asked for
   * metrics should not start without them.
   */
  static void requireRegistry(ClassLoader loader) {
    try {
      Class.forName(REGISTRY_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "metrics are enabled (SqlPlugin.Config.metricsPath) but Micrometer's Prometheus registry"
              + " is not on the classpath: add io.micrometer:micrometer-registry-prometheus, or"
              + " set metricsPath to null");
    }
  }

  /** {@code token} when it is usable (or null), else a failure naming {@code source}. */
  static String checkToken(String token, String source) {
    if (token != null && !TOKEN.matcher(token).matches()) {
      // The value is a secret: say what is wrong with it, never what it is.
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          source
              + " must be 16 to 512 printable ASCII characters without spaces (got "
              + token.length()
              + " characters)");
    }
    return token;
  }

  void handle(Context ctx) {
    if (expected != null && !authorized(ctx.header("Authorization"))) {
      ctx.status(401)
          .header("WWW-Authenticate", "Bearer realm=\"metrics\"")
          .header("Cache-Control", "no-store")
          .contentType("text/plain; charset=utf-8")
          .result("a bearer token is required\n");
      return;
    }
    ctx.status(200)
        .header("Cache-Control", "no-store")
        .contentType(CONTENT_TYPE)
        .result(metrics.scrape());
  }

  /**
   * The scheme is case-insensitive (RFC 9110, 11.1), and must be: Jetty's header cache may hand a
   * connection's second request the first one's spelling of {@code Bearer}. The token is compared
   * in full, in constant time.
   */
  private boolean authorized(String header) {
    if (header == null || header.length() < 7 || header.charAt(6) != ' ') {
      return false;
    }
    return header.regionMatches(true, 0, "Bearer", 0, 6)
        && MessageDigest.isEqual(header.substring(7).getBytes(StandardCharsets.UTF_8), expected);
  }
}
