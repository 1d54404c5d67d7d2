package dev.svcinfra.spring;

import dev.svcinfra.spring.internal.MigrationsEndpoint;
import dev.svcinfra.spring.internal.SecretSanitizer;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Actuator: the {@code svcinfra-migrations} endpoint (applied and pending revisions) when the
 * application migrates at start-up, and masking of the database URLs and passwords in {@code
 * /actuator/env} and {@code /actuator/configprops}.
 *
 * @since 0.5
 */
@AutoConfiguration(after = SvcInfraMigrationsAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public class SvcInfraActuatorAutoConfiguration {

  @Bean
  SanitizingFunction svcInfraSecretSanitizer() {
    return new SecretSanitizer();
  }

  @Bean
  @ConditionalOnBean(SvcInfraMigrationsAutoConfiguration.Migrated.class)
  @ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
  MigrationsEndpoint svcInfraMigrationsEndpoint(
      SvcInfraMigrationsAutoConfiguration.Migrated migrated) {
    return new MigrationsEndpoint(migrated.migrations());
  }
}
