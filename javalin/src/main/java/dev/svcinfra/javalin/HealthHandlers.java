package dev.svcinfra.javalin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.health.CheckReport;
import dev.svcinfra.health.HealthException;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.health.HealthReport;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four probe handlers of {@link HealthPlugin}: call the registry, write status and JSON. */
final class HealthHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OK = 200;
  private static final int NOT_FOUND = 404;
  private static final int UNAVAILABLE = 503;

  private final HealthRegistry registry;

  HealthHandlers(HealthRegistry registry) {
    this.registry = registry;
  }

  void live(Context ctx) {
    write(ctx, OK, "application/json", Map.of("status", "ok"));
  }

  void ready(Context ctx) {
    aggregate(ctx, registry.checkAll());
  }

  void startup(Context ctx) {
    aggregate(ctx, registry.startup());
  }

  void check(Context ctx) {
    String name = ctx.pathParam("name");
    CheckReport report;
    try {
      report = registry.checkOne(name);
    } catch (HealthException e) {
      if (!HealthException.UNKNOWN.equals(e.code())) {
        throw e;
      }
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", "Not Found");
      problem.put("status", NOT_FOUND);
      problem.put("detail", "no health check named '" + name + "'");
      problem.put("instance", ctx.path());
      problem.put("code", e.code());
      write(ctx, NOT_FOUND, "application/problem+json", problem);
      return;
    }
    write(ctx, report.passing() ? OK : UNAVAILABLE, "application/json", report.asMap());
  }

  private static void aggregate(Context ctx, HealthReport report) {
    write(ctx, report.passing() ? OK : UNAVAILABLE, "application/json", report.asMap());
  }

  private static void write(Context ctx, int status, String contentType, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a health response", e);
    }
    ctx.status(status)
        .header("Cache-Control", "no-store")
        .contentType(contentType)
        .result(json);
  }
}
