package dev.svcinfra.javalin;

import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.StatementEvent;
import dev.svcinfra.sql.StatementListener;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters behind {@code /metrics} (issue 21; every name is in docs/observability.md): HTTP
 * requests by route template, method and status; statements by resource and operation; statement
 * timeouts; migrations applied at start; health check results. HikariCP's pool meters come in
 * through Micrometer's global registry, which the pool reports to (core's {@code
 * MicrometerPoolMetrics}) and which this registry joins while the app runs.
 *
 * <p>Only loaded when metrics are enabled and Micrometer's Prometheus registry is on the classpath
 * ({@link MetricsRoute} checks first).
 */
final class PrometheusMetrics implements RequestObserver, StatementListener {
  /**
   * Histogram buckets of requests and statements: fixed, so every series has the same dozen buckets
   * and a dashboard's {@code histogram_quantile} works across instances.
   */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Database database;
  private final Map<String, Double> health = new ConcurrentHashMap<>();

  PrometheusMetrics(Database database) {
    this.database = database;
    Metrics.addRegistry(registry);
    database.addStatementListener(this);
  }

  @Override
  public void finished(Context ctx, String route, long nanos) {
    Timer.builder("svcinfra.http.requests")
        .description("HTTP requests by route template, method and status")
        .tags(
            "method", ctx.method().name(),
            "route", route,
            "status", Integer.toString(ctx.statusCode()))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void statementFinished(StatementEvent e) {
    String resource = e.table() == null ? "none" : e.table();
    String operation = e.operation().toLowerCase(Locale.ROOT);
    Timer.builder("svcinfra.db.statements")
        .description("SQL statements by resource (table) and operation")
        .tags(
            "resource", resource,
            "operation", operation,
            "outcome", e.failure() == null ? "success" : "error")
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(e.nanos(), TimeUnit.NANOSECONDS);
    if (e.timedOut()) {
      Counter.builder("svcinfra.db.statement.timeouts")
          .description("SQL statements cancelled by the statement timeout")
          .tags("resource", resource, "operation", operation)
          .register(registry)
          .increment();
    }
  }

  /**
   * {@code count} revisions were applied when the app started (0 when the database was at head).
   */
  void migrationsApplied(int count) {
    Counter.builder("svcinfra.migrations.applied")
        .description("Migration revisions applied by this process at start")
        .register(registry)
        .increment(count);
  }

  /** A health check ended with {@code status}. */
  void healthChecked(String check, HealthStatus status) {
    Counter.builder("svcinfra.health.checks")
        .description("Health check runs by check and result")
        .tags("check", check, "status", status.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    boolean first = health.put(check, level(status)) == null;
    if (first) {
      Gauge.builder("svcinfra.health.status", health, h -> h.getOrDefault(check, Double.NaN))
          .description("Last result of a health check: 1 healthy, 0.5 degraded, 0 unhealthy")
          .tag("check", check)
          .strongReference(true)
          .register(registry);
    }
  }

  private static double level(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> 1.0;
      case DEGRADED -> 0.5;
      default -> 0.0;
    };
  }

  /** The Prometheus text exposition (format 0.0.4) of every meter. */
  String scrape() {
    return registry.scrape();
  }

  /** Leaves the global registry and the database's listeners, for an app that stopped. */
  void close() {
    database.removeStatementListener(this);
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
