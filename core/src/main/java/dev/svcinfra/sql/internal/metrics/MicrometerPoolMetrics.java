package dev.svcinfra.sql.internal.metrics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Metrics;
import java.util.function.Consumer;

/**
 * Publishes HikariCP pool metrics ({@code hikaricp.connections.active}, {@code .pending}, {@code
 * .timeout}, ... tagged {@code pool=svc-infra-primary|svc-infra-replica}) to Micrometer's global
 * registry. {@code Database} applies it by class name only when Micrometer is on the classpath, so
 * core never requires Micrometer.
 *
 * <pre>{@code
 * Metrics.addRegistry(prometheusRegistry);   // before Database.open(...)
 * Database db = Database.fromEnvironment();  // pools now report to it
 * }</pre>
 *
 * @since 0.1
 */
public final class MicrometerPoolMetrics implements Consumer<HikariConfig> {
  @Override
  public void accept(HikariConfig config) {
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(Metrics.globalRegistry));
  }
}
