package dev.svcinfra.javalin;

import dev.svcinfra.health.HealthRegistry;
import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import java.util.function.Consumer;

/**
 * Mounts a {@link HealthRegistry} as probe routes:
 *
 * <ul>
 *   <li>{@code GET /_health/live}: 200 {@code {"status":"ok"}} while the process serves HTTP; runs
 *       no check, so a slow dependency never gets the pod restarted.
 *   <li>{@code GET /_health/ready}: every check; 200 when healthy or degraded, 503 when unhealthy,
 *       with {@code {"status","checks":[{"name","status","critical","latency_ms",
 *       "message"?,"details"?}]}}.
 *   <li>{@code GET /_health/startup}: like ready until the checks pass once, then 200 with that
 *       report for good (see {@link HealthRegistry#startup()}).
 *   <li>{@code GET /_health/checks/{name}}: one check; 200 or 503 as above, 404 ({@code
 *       application/problem+json}) for an unknown name.
 * </ul>
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config ->
 *     config.registerPlugin(new HealthPlugin(health -> health.registry = registry))).start(8080);
 * }</pre>
 *
 * <p>Bodies are written with the plugin's own JSON writer, so the probe contract does not change
 * with the application's JSON settings. Responses carry {@code Cache-Control: no-store}.
 *
 * @since 0.1
 */
public final class HealthPlugin extends Plugin<HealthPlugin.Config> {

  /** What the plugin mounts, and where. */
  public static final class Config {
    /** The checks to serve; required. */
    public HealthRegistry registry;

    /** Where the routes live; {@code /_health} unless changed. No trailing slash. */
    public String prefix = "/_health";
  }

  public HealthPlugin(Consumer<Config> userConfig) {
    super(userConfig, new Config());
  }

  @Override
  public void onInitialize(JavalinState state) {
    Config config = pluginConfig;
    if (config.registry == null) {
      throw new IllegalArgumentException(
          "HealthPlugin needs a registry: "
              + "new HealthPlugin(health -> health.registry = registry)");
    }
    String prefix = config.prefix == null ? "" : config.prefix;
    if (!prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "HealthPlugin prefix must start with '/' and not end "
              + "with '/', got '"
              + prefix
              + "'");
    }
    HealthHandlers handlers = new HealthHandlers(config.registry, HealthResults.of(state));
    // A load balancer probing with HEAD must see the 503 a GET would (issue 16).
    HeadRoutes.install(state);
    state.routes.get(prefix + "/live", handlers::live);
    state.routes.get(prefix + "/ready", handlers::ready);
    state.routes.get(prefix + "/startup", handlers::startup);
    state.routes.get(prefix + "/checks/{name}", handlers::check);
  }

  @Override
  public String name() {
    return "svc-infra-health";
  }
}
