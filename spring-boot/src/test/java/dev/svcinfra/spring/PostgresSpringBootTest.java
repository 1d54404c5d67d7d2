package dev.svcinfra.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.spring.internal.MigrationsEndpoint;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.StatementTimeoutException;
import dev.svcinfra.testing.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter on PostgreSQL with a replica (a second pool on the same database with another
 * application_name, which tells the pools apart): read-only transactions on the replica,
 * per-transaction timeouts, pool meters in the application's registry, masked secrets.
 */
@SpringBootTest(
    classes = TestApp.class,
    properties = {
      "svc-infra.migrations.replace-flyway=true",
      "management.endpoints.web.exposure.include=*",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always"
    })
class PostgresSpringBootTest extends SpringTransactionsContract {
  private static final String PASSWORD = "s3cret-pw";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // Trust authentication ignores the password; it is there to be masked.
    String url =
        TestServices.newPostgresDatabase().replace("postgres@", "postgres:" + PASSWORD + "@");
    registry.add("svc-infra.url", () -> url + "&application_name=primary");
    registry.add("svc-infra.replica-url", () -> url + "&application_name=replica");
  }

  @Autowired Environment environment;
  @Autowired EnvironmentEndpoint env;
  @Autowired ConfigurationPropertiesReportEndpoint configprops;
  @Autowired MeterRegistry meters;
  @Autowired Database db;

  @Autowired HealthEndpointGroups groups;
  @Autowired HealthEndpoint health;
  @Autowired ApplicationContext context;

  @Test
  void readinessIncludesTheDatabaseAndLivenessDoesNot() {
    assertThat(groups.get("readiness").isMember("db")).isTrue();
    HealthEndpointGroup liveness = groups.get("liveness");
    if (liveness != null) {
      assertThat(liveness.isMember("db")).isFalse();
    }
    CompositeHealthDescriptor readiness =
        (CompositeHealthDescriptor) health.healthForPath("readiness");
    assertThat(readiness.getComponents()).containsKey("db");
    assertThat(readiness.getComponents().get("db").getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void replacingFlywaySwitchesItsAutoConfigurationOff() {
    assertThat(environment.getProperty("spring.flyway.enabled")).isEqualTo("false");
    assertThat(context.getBeanNamesForType(Flyway.class)).isEmpty();
    assertThat(
            environment.getProperty(
                "management.endpoints.web.path-mapping." + MigrationsEndpoint.ID))
        .isEqualTo("svcinfra-migrations");
  }

  @Test
  void readOnlyTransactionsRunOnTheReplicaAndOthersOnThePrimary() {
    assertThat(service.readOnlyApplicationNames()).containsExactly("replica", "replica");
    assertThat(service.readWriteApplicationName()).isEqualTo("primary");
  }

  @Test
  void theSpringTransactionsTimeoutLimitsSvcInfraStatements() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> service.slowStatement("SELECT pg_sleep(10)"))
        .isInstanceOf(StatementTimeoutException.class);
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void bothPoolsReportToTheApplicationsRegistryUnderTheirOwnNames() {
    assertThat(meters.get("hikaricp.connections.max").tag("pool", "svc-infra-primary").gauge())
        .isNotNull();
    assertThat(meters.get("hikaricp.connections.max").tag("pool", "svc-infra-replica").gauge())
        .isNotNull();
    // Spring Boot's own DataSource meters still describe the primary DataSource.
    assertThat(meters.get("jdbc.connections.max").tag("name", "dataSource").gauge().value())
        .isEqualTo(db.settings().pool().maxConnections());
  }

  @Test
  void urlsAreMaskedInEnvAndConfigprops() {
    assertThat(environment.getProperty("svc-infra.url")).contains(PASSWORD);
    assertThat(env.environmentEntry("svc-infra.url").getProperty().getValue()).isEqualTo("******");
    assertThat(env.environmentEntry("svc-infra.replica-url").getProperty().getValue())
        .isEqualTo("******");
    // Values are shown at all: an unrelated property keeps its value.
    assertThat(env.environmentEntry("svc-infra.migrations.replace-flyway").getProperty().getValue())
        .isEqualTo("true");
    ConfigurationPropertiesBeanDescriptor ours =
        configprops.configurationProperties().getContexts().values().stream()
            .flatMap(c -> c.getBeans().values().stream())
            .filter(b -> "svc-infra".equals(b.getPrefix()))
            .findFirst()
            .orElseThrow();
    assertThat(ours.getProperties().get("url")).isEqualTo("******");
    assertThat(ours.getProperties().get("replicaUrl")).isEqualTo("******");
    assertThat(ours.getProperties().toString()).doesNotContain(PASSWORD);
  }
}
