package dev.svcinfra.javalin;

import dev.svcinfra.health.HealthStatus;
import io.javalin.config.JavalinState;
import io.javalin.config.Key;
import java.util.function.BiConsumer;

/**
 * Where the health routes of both plugins report each check's result, so {@code /metrics} counts
 * {@code /_sql/health} and {@code /_health/*} alike. Shared through the app's data whichever plugin
 * is registered first; does nothing until the SQL plugin's metrics listen.
 */
final class HealthResults {
  private static final Key<HealthResults> KEY = new Key<>("svc-infra.health-results");

  private volatile BiConsumer<String, HealthStatus> listener = (check, status) -> {};

  private HealthResults() {}

  static HealthResults of(JavalinState state) {
    state.appDataManager.registerIfAbsent(KEY, new HealthResults());
    return state.appDataManager.get(KEY);
  }

  void listen(BiConsumer<String, HealthStatus> listener) {
    this.listener = listener;
  }

  void report(String check, HealthStatus status) {
    listener.accept(check, status);
  }
}
