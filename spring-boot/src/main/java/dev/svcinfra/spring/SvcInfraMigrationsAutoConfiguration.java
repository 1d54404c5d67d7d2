package dev.svcinfra.spring;

import dev.svcinfra.config.Env;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.spring.internal.PropertyEnv;
import dev.svcinfra.spring.internal.StartupMigration;
import dev.svcinfra.sql.Database;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;

/**
 * Migrations at start-up: the database is upgraded to head under the migration lock before the
 * application's {@code DataSource} is handed to anyone, and an application whose database has
 * drifted, or is not at head afterwards, or whose lock wait timed out, does not start. Off with
 * {@code svc-infra.migrations.enabled=false}. With Flyway on the classpath too, Flyway keeps
 * migrating unless {@code svc-infra.migrations.replace-flyway=true} (which switches Flyway's
 * auto-configuration off) or {@code spring.flyway.enabled=false}.
 *
 * @since 0.5
 */
@AutoConfiguration(after = SvcInfraDataSourceAutoConfiguration.class)
@ConditionalOnBean(Database.class)
@ConditionalOnBooleanProperty(name = "svc-infra.migrations.enabled", matchIfMissing = true)
@Conditional(SvcInfraMigrationsAutoConfiguration.FlywayStandsAside.class)
public class SvcInfraMigrationsAutoConfiguration implements ResourceLoaderAware {
  private ClassLoader loader = SvcInfraMigrationsAutoConfiguration.class.getClassLoader();

  @Override
  public void setResourceLoader(ResourceLoader resourceLoader) {
    if (resourceLoader.getClassLoader() != null) {
      loader = resourceLoader.getClassLoader();
    }
  }

  /** The migrations of the application's database; none without revisions. */
  @Bean
  Migrated svcInfraMigrated(Database database, SvcInfraProperties properties, Env variables) {
    Optional<Migrations> migrations =
        StartupMigration.migrations(database, PropertyEnv.of(properties, variables), loader);
    return new Migrated(
        migrations.orElse(null),
        migrations.map(Migrations::upgradeBeforeServing).orElse(List.of()));
  }

  /**
   * The migrations run at start-up and what they applied; the database's {@code DataSource} depends
   * on it, so nothing reads the database before it is at head.
   */
  public static final class Migrated {
    private final Migrations migrations;
    private final List<Revision> applied;

    Migrated(Migrations migrations, List<Revision> applied) {
      this.migrations = migrations;
      this.applied = List.copyOf(applied);
    }

    /** The migrations, empty when the application has no revisions. */
    public Optional<Migrations> migrations() {
      return Optional.ofNullable(migrations);
    }

    /** The revisions this start applied. */
    public List<Revision> applied() {
      return applied;
    }
  }

  /** Flyway absent, switched off, or replaced on purpose. */
  static final class FlywayStandsAside extends AnyNestedCondition {
    FlywayStandsAside() {
      super(ConfigurationPhase.PARSE_CONFIGURATION);
    }

    @ConditionalOnMissingClass("org.flywaydb.core.Flyway")
    static final class NoFlyway {}

    @ConditionalOnBooleanProperty("svc-infra.migrations.replace-flyway")
    static final class Replaced {}

    @ConditionalOnBooleanProperty(name = "spring.flyway.enabled", havingValue = false)
    static final class FlywayOff {}
  }
}
