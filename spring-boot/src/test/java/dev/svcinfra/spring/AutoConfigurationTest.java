package dev.svcinfra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.svcinfra.config.Env;
import dev.svcinfra.mongo.MongoHealthCheck;
import dev.svcinfra.mongo.testing.MongoTestServer;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/** The auto-configuration's beans, back-off, property precedence and classpath conditions. */
class AutoConfigurationTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner(Map<String, String> variables) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SvcInfraDataSourceAutoConfiguration.class,
                SvcInfraMigrationsAutoConfiguration.class,
                SvcInfraHealthAutoConfiguration.class,
                SvcInfraActuatorAutoConfiguration.class,
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class))
        // The process environment of whoever runs the tests stays out of them.
        .withBean(Env.class, () -> Env.of(variables));
  }

  private String sqlite(String name) {
    return "sqlite:///" + dir.resolve(name + ".db").toAbsolutePath();
  }

  @Test
  void theDatabaseComesFromTheLibrarysVariablesAndBacksTheSpringBeans() {
    runner(Map.of("SQL_URL", sqlite("env"), "DB_POOL_SIZE", "3"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Database db = ctx.getBean(Database.class);
              assertThat(db.jdbcUrl()).contains("env.db");
              assertThat(db.settings().pool().size()).isEqualTo(3);
              DataSource primary = ctx.getBean(DataSource.class);
              assertThat(primary).isInstanceOf(LazyConnectionDataSourceProxy.class);
              assertThat(((LazyConnectionDataSourceProxy) primary).getTargetDataSource())
                  .isSameAs(db.dataSource());
              assertThat(ctx.getBean(JdbcTemplate.class).getDataSource()).isSameAs(primary);
              assertThat(ctx).hasSingleBean(PlatformTransactionManager.class);
              assertThat(ctx.getBean(SvcInfraDataSourceAutoConfiguration.REPLICA_DATA_SOURCE))
                  .isInstanceOf(DataSource.class);
              try (Connection c = primary.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
              }
            });
  }

  @Test
  void svcInfraPropertiesBeatTheVariables() {
    runner(Map.of("SQL_URL", sqlite("env"), "DB_POOL_SIZE", "3", "DB_MAX_OVERFLOW", "4"))
        .withPropertyValues(
            "svc-infra.url=" + sqlite("props"),
            "svc-infra.pool.size=2",
            "svc-infra.env.DB_STATEMENT_TIMEOUT_MS=1500")
        .run(
            ctx -> {
              Database db = ctx.getBean(Database.class);
              assertThat(db.jdbcUrl()).contains("props.db").doesNotContain("env.db");
              assertThat(db.settings().pool().size()).isEqualTo(2);
              // What the properties leave unset still comes from the variables.
              assertThat(db.settings().pool().maxOverflow()).isEqualTo(4);
              assertThat(db.settings().timeouts().statement())
                  .hasValueSatisfying(t -> assertThat(t.toMillis()).isEqualTo(1500));
            });
  }

  @Test
  void aBadValueFailsTheStartWithTheLibrarysMessage() {
    runner(Map.of("SQL_URL", sqlite("env")))
        .withPropertyValues("svc-infra.pool.size=0")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("DB_POOL_SIZE"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesADataSource() {
    DriverManagerDataSource own =
        new DriverManagerDataSource("jdbc:sqlite:" + dir.resolve("own.db"));
    runner(Map.of("SQL_URL", sqlite("env")))
        .withBean("appDataSource", DataSource.class, () -> own)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(Database.class);
              assertThat(ctx.getBean(DataSource.class)).isSameAs(own);
              assertThat(ctx).doesNotHaveBean("dbHealthIndicator");
            });
  }

  @Test
  void switchedOffByPropertySpringBootsOwnDataSourceTakesOver() {
    runner(Map.of("SQL_URL", sqlite("env")))
        .withPropertyValues(
            "svc-infra.enabled=false",
            "spring.datasource.url=jdbc:sqlite:" + dir.resolve("boot.db"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(Database.class);
              assertThat(ctx.getBean(DataSource.class))
                  .isNotInstanceOf(LazyConnectionDataSourceProxy.class);
            });
  }

  @Test
  void poolsAreNamedByPropertyAndReportToTheApplicationsRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    runner(Map.of("SQL_URL", sqlite("env")))
        .withPropertyValues("svc-infra.pool-name=orders")
        .withBean(MeterRegistry.class, () -> registry)
        .run(
            ctx -> {
              try (Connection c = ctx.getBean(DataSource.class).getConnection()) {
                c.isValid(1);
                assertThat(
                        registry
                            .get("hikaricp.connections.active")
                            .tag("pool", "orders-primary")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
              }
            });
  }

  @Test
  void theDatabaseHealthReplacesActuatorsAndIsAbsentWithoutActuator() {
    runner(Map.of("SQL_URL", sqlite("env")))
        .run(
            ctx -> {
              HealthIndicator db = ctx.getBean("dbHealthIndicator", HealthIndicator.class);
              assertThat(db.health().getStatus()).isEqualTo(Status.UP);
            });
    runner(Map.of("SQL_URL", sqlite("env")))
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean("dbHealthIndicator");
            });
  }

  @Test
  void backupHealthFollowsTheNewestBackupsAge() throws Exception {
    Path backups = Files.createDirectories(dir.resolve("backups"));
    Path dump =
        Files.writeString(
            backups.resolve("app.sql"),
            """
            --
            -- PostgreSQL database dump
            --

            CREATE TABLE public.t (id integer);

            --
            -- PostgreSQL database dump complete
            --
            """);
    ApplicationContextRunner withBackups =
        runner(Map.of("SQL_URL", sqlite("env")))
            .withPropertyValues("svc-infra.health.backups.directory=" + backups);
    withBackups.run(
        ctx -> {
          Health h = ctx.getBean("backupsHealthIndicator", HealthIndicator.class).health();
          assertThat(h.getStatus()).isEqualTo(Status.UP);
          assertThat(h.getDetails()).containsEntry("svcinfra_status", "healthy");
        });
    age(dump, Duration.ofHours(30));
    withBackups.run(
        ctx -> {
          Health h = ctx.getBean("backupsHealthIndicator", HealthIndicator.class).health();
          // Degraded still serves: UP, and the details say degraded.
          assertThat(h.getStatus()).isEqualTo(Status.UP);
          assertThat(h.getDetails()).containsEntry("svcinfra_status", "degraded");
        });
    age(dump, Duration.ofHours(60));
    withBackups.run(
        ctx ->
            assertThat(
                    ctx.getBean("backupsHealthIndicator", HealthIndicator.class)
                        .health()
                        .getStatus())
                .isEqualTo(Status.DOWN));
  }

  private static void age(Path file, Duration age) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
  }

  @Test
  void redisHealthIsUpForAServerThatAnswers() {
    String url = TestServices.redisUrl();
    runner(Map.of("SQL_URL", sqlite("env")))
        .withPropertyValues("svc-infra.health.redis-url=" + url)
        .run(
            ctx ->
                assertThat(
                        ctx.getBean("redisHealthIndicator", HealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP));
  }

  @Test
  void redisHealthWhenConfigured() {
    runner(Map.of("SQL_URL", sqlite("env")))
        .withPropertyValues("svc-infra.health.redis-url=redis://127.0.0.1:1")
        .run(
            ctx -> {
              HealthIndicator redis = ctx.getBean("redisHealthIndicator", HealthIndicator.class);
              // Nothing listens on port 1: the check answers DOWN, it does not throw.
              assertThat(redis.health().getStatus()).isEqualTo(Status.DOWN);
            });
    runner(Map.of("SQL_URL", sqlite("env")))
        .run(ctx -> assertThat(ctx).doesNotHaveBean("redisHealthIndicator"));
  }

  @Test
  void mongoHealthForTheApplicationsMongoDatabaseWhenSvcInfraMongoIsPresent() {
    try (MongoTestServer server = MongoTestServer.start();
        MongoClient client = MongoClients.create(server.url())) {
      MongoDatabase mongo = client.getDatabase("app");
      runner(Map.of("SQL_URL", sqlite("env")))
          .withBean(MongoDatabase.class, () -> mongo)
          .run(
              ctx ->
                  assertThat(
                          ctx.getBean("mongoHealthIndicator", HealthIndicator.class)
                              .health()
                              .getStatus())
                      .isEqualTo(Status.UP));
      runner(Map.of("SQL_URL", sqlite("env")))
          .withBean(MongoDatabase.class, () -> mongo)
          .withClassLoader(new FilteredClassLoader(MongoHealthCheck.class))
          .run(ctx -> assertThat(ctx).doesNotHaveBean("mongoHealthIndicator"));
    }
  }

  @Test
  void flywayKeepsMigratingUnlessTheApplicationOptsIn() {
    runner(Map.of("SQL_URL", sqlite("flyway")))
        .run(
            ctx ->
                assertThat(ctx)
                    .doesNotHaveBean(SvcInfraMigrationsAutoConfiguration.Migrated.class));
    runner(Map.of("SQL_URL", sqlite("optin")))
        .withPropertyValues("svc-infra.migrations.replace-flyway=true")
        .run(
            ctx ->
                assertThat(
                        ctx.getBean(SvcInfraMigrationsAutoConfiguration.Migrated.class).applied())
                    .hasSize(2));
    runner(Map.of("SQL_URL", sqlite("noflyway")))
        .withClassLoader(new FilteredClassLoader(Flyway.class))
        .run(
            ctx ->
                assertThat(
                        ctx.getBean(SvcInfraMigrationsAutoConfiguration.Migrated.class).applied())
                    .hasSize(2));
  }
}
