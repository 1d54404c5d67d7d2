package dev.svcinfra.spring.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;

/**
 * HikariCP's Micrometer meters ({@code hikaricp.connections.*}, tagged {@code pool=<name>}) in the
 * application's {@code MeterRegistry}, or in Micrometer's global registry when the application has
 * none. The registry is looked up when a pool starts, not when this is made.
 */
public final class PoolMetrics implements MetricsTrackerFactory {
  private final ObjectProvider<MeterRegistry> registry;

  public PoolMetrics(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public IMetricsTracker create(String poolName, PoolStats poolStats) {
    MeterRegistry r = registry.getIfAvailable(() -> Metrics.globalRegistry);
    return new MicrometerMetricsTrackerFactory(r).create(poolName, poolStats);
  }
}
