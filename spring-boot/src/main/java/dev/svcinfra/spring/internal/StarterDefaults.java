package dev.svcinfra.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Property defaults of the starter, each overridable by the application: the migrations endpoint's
 * web path, and the readiness health group with the database in it. When the application asks
 * svc-infra to replace Flyway ({@code svc-infra.migrations.replace-flyway=true}), Flyway's
 * auto-configuration is switched off ({@code spring.flyway.enabled=false}), visibly in {@code
 * /actuator/env}.
 */
public final class StarterDefaults implements EnvironmentPostProcessor {
  static final String DEFAULTS = "svcInfraDefaults";
  static final String FLYWAY_REPLACED = "svcInfraReplacesFlyway";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(
        "management.endpoints.web.path-mapping." + MigrationsEndpoint.ID, "svcinfra-migrations");
    defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db");
    environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS, defaults));
    if (environment.getProperty(
        "svc-infra.migrations.replace-flyway", Boolean.class, Boolean.FALSE)) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(FLYWAY_REPLACED, Map.of("spring.flyway.enabled", "false")));
    }
  }
}
