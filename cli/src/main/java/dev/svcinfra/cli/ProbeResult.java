package dev.svcinfra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one probe found: the status ({@code healthy}, {@code degraded}, {@code unhealthy}), the HTTP
 * status (0 when nothing answered), the time taken, the parsed body and, when nothing answered,
 * why. Prints itself as text or as the {@code --json} document.
 */
record ProbeResult(
    String url, String status, int httpStatus, long latencyMs, JsonNode body, String error) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ProbeResult failed(String url, String error, long latencyMs) {
    return new ProbeResult(url, "unhealthy", 0, latencyMs, JSON.createObjectNode(), error);
  }

  boolean acceptable(boolean allowDegraded) {
    return status.equals("healthy") || (allowDegraded && status.equals("degraded"));
  }

  /** {@code "unhealthy (HTTP 503, 12 ms)"} or {@code "unhealthy (cannot connect: ...)"}. */
  String summary() {
    return status
        + " ("
        + (error != null ? error : "HTTP " + httpStatus + ", " + latencyMs + " ms")
        + ")";
  }

  void printText(PrintStream out, boolean verbose) {
    out.println(
        status
            + "  "
            + url
            + "  "
            + (error != null
                ? "(" + error + ")"
                : "(HTTP " + httpStatus + ", " + latencyMs + " ms)"));
    JsonNode checks = body.path("checks");
    if (body.hasNonNull("message")) {
      out.println("  " + body.get("message").asText());
    }
    for (JsonNode check : checks) {
      boolean failing = !check.path("status").asText().equals("healthy");
      if (verbose || failing) {
        out.printf(
            "  %-20s %-10s %6d ms%s%n",
            check.path("name").asText(),
            check.path("status").asText(),
            check.path("latency_ms").asLong(),
            check.hasNonNull("message") ? "  " + check.get("message").asText() : "");
      }
    }
  }

  Map<String, Object> asJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("url", url);
    doc.put("status", status);
    doc.put("http_status", httpStatus == 0 ? null : httpStatus);
    doc.put("latency_ms", latencyMs);
    if (error != null) {
      doc.put("error", error);
    }
    if (body.hasNonNull("message")) {
      doc.put("message", body.get("message").asText());
    }
    List<Object> checks = new ArrayList<>();
    body.path("checks").forEach(checks::add);
    doc.put("checks", checks);
    return doc;
  }
}
