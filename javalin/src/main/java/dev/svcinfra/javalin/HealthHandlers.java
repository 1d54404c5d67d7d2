package dev.svcinfra.javalin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.health.CheckReport;
import dev.svcinfra.health.HealthException;
import dev.svcinfra.health.HealthRegistry;
import dev.svcinfra.health.HealthReport;
import io.javalin.http.Context;
import java.util.Map;

/** The four probe handlers of {@link HealthPlugin}: call the registry, write status and JSON. */
final class HealthHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OK = 200;
  private static final int UNAVAILABLE = 503;

  private final HealthRegistry registry;
  private final HealthResults results;

  HealthHandlers(HealthRegistry registry, HealthResults results) {
    this.registry = registry;
    this.results = results;
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
      if (e.code() != ErrorCode.HEALTH_CHECK_UNKNOWN) {
        throw e;
      }
      int status = e.code().httpStatus();
      write(
          ctx,
          status,
          Problem.CONTENT_TYPE,
          Problem.body(status, e.code(), "no health check named '" + name + "'", ctx.path()));
      return;
    }
    results.report(report.name(), report.status());
    write(ctx, report.passing() ? OK : UNAVAILABLE, "application/json", report.asMap());
  }

  private void aggregate(Context ctx, HealthReport report) {
    report.checks().forEach(c -> results.report(c.name(), c.status()));
    write(ctx, report.passing() ? OK : UNAVAILABLE, "application/json", report.asMap());
  }

  private static void write(Context ctx, int status, String contentType, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a health response", e);
    }
    ctx.status(status).header("Cache-Control", "no-store").contentType(contentType).result(json);
  }
}
