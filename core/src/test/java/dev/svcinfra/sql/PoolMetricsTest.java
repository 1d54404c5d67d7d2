package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** With Micrometer on the classpath (as in tests), pools publish HikariCP's meters. */
class PoolMetricsTest extends DatabaseSuite {
  @Test
  void poolMetricsReachMicrometersGlobalRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry);
    try {
      Database db = open(TestDatabase.SQLITE);
      db.useTransaction(
          tx -> {
            tx.query("SELECT 1", rs -> 1);
            Gauge active =
                registry
                    .find("hikaricp.connections.active")
                    .tag("pool", "svc-infra-primary")
                    .gauge();
            assertThat(active).isNotNull();
            assertThat(active.value()).isEqualTo(1.0);
          });
      assertThat(
              registry
                  .find("hikaricp.connections.max")
                  .tag("pool", "svc-infra-primary")
                  .gauge()
                  .value())
          .isEqualTo(TestDatabase.POOL_SIZE);
    } finally {
      Metrics.removeRegistry(registry);
    }
  }
}
