package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.sql.Database;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * {@code GET /_sql/health}: pings the database within a short timeout; 200 {@code
 * {"status":"healthy","latency_ms":..,"dialect":..}} or 503 with {@code "unhealthy"} and the reason
 * (password masked).
 */
final class SqlHealthHandler {
  private final DatabaseCheck check;
  private final String dialect;

  /** Hears each result (metrics), by check name; does nothing without metrics. */
  private final BiConsumer<String, HealthStatus> results;

  SqlHealthHandler(Database db, Duration timeout, BiConsumer<String, HealthStatus> results) {
    this.check = DatabaseCheck.of(db).withTimeout(timeout);
    this.dialect = db.dialect().name();
    this.results = results;
  }

  void handle(Context ctx) {
    long start = System.nanoTime();
    CheckResult result = check.check();
    long latency = (System.nanoTime() - start) / 1_000_000;
    results.accept("database", result.status());
    boolean up =
        result.status() == HealthStatus.HEALTHY || result.status() == HealthStatus.DEGRADED;
    ObjectNode body = JsonCodec.MAPPER.createObjectNode();
    body.put("status", result.status().name().toLowerCase(Locale.ROOT));
    body.put("latency_ms", latency);
    body.put("dialect", dialect);
    result.message().ifPresent(m -> body.put("message", m));
    ctx.status(up ? 200 : 503)
        .header("Cache-Control", "no-store")
        .contentType("application/json")
        .result(JsonCodec.write(body));
  }
}
