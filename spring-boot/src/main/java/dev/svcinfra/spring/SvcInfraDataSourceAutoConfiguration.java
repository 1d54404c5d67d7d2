package dev.svcinfra.spring;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.spring.internal.DataSources;
import dev.svcinfra.spring.internal.PoolMetrics;
import dev.svcinfra.spring.internal.PropertyEnv;
import dev.svcinfra.spring.internal.ReadDataSource;
import dev.svcinfra.spring.internal.SpringTransactions;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.internal.hooks.DatabaseHooks;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The database from the environment: a {@link Database} resolved exactly as the library resolves it
 * ({@code SQL_URL} ... {@code DB_*}, {@code _FILE}, the secrets directory, TLS defaults, pool
 * settings), with {@code svc-infra.*} properties in front; its primary as the {@code @Primary}
 * {@code DataSource} (read-only transactions borrow from the replica when one is configured), and a
 * {@code DataSource} qualified {@code "replicaDataSource"} for reads. Backs off when the
 * application defines a {@code DataSource} of its own.
 *
 * @since 0.5
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Database.class)
@ConditionalOnBooleanProperty(name = "svc-infra.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(SvcInfraProperties.class)
public class SvcInfraDataSourceAutoConfiguration {

  /** The bean name of the read {@code DataSource}. */
  public static final String REPLICA_DATA_SOURCE = "replicaDataSource";

  /**
   * The library's variables as the starter reads them, {@code svc-infra.*} properties aside: the
   * process environment, then {@code .env}. An application may define its own.
   */
  @Bean
  @ConditionalOnMissingBean
  Env svcInfraVariables() {
    return Env.system();
  }

  @Bean
  SpringTransactions svcInfraSpringTransactions() {
    return new SpringTransactions();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Database svcInfraDatabase(
      SvcInfraProperties properties,
      Env variables,
      SpringTransactions transactions,
      ObjectProvider<MetricsTrackerFactory> poolMetrics) {
    Env env = PropertyEnv.of(properties, variables);
    DatabaseHooks hooks =
        new DatabaseHooks(properties.getPoolName(), poolMetrics.getIfAvailable(), transactions);
    return Database.open(DatabaseSettings.from(env), StatementLogSettings.from(env), hooks);
  }

  /**
   * The primary: what {@code JdbcTemplate}, Spring's transaction manager and the application use.
   * Migrations at start-up (when enabled) have run before anything can borrow from it.
   */
  @Bean
  @Primary
  DataSource dataSource(
      Database database,
      SpringTransactions transactions,
      ObjectProvider<SvcInfraMigrationsAutoConfiguration.Migrated> migrated) {
    migrated.ifAvailable(m -> {});
    DataSource dataSource = DataSources.primary(database);
    transactions.bind(dataSource);
    return dataSource;
  }

  /** The pools' meters in the application's {@code MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, MicrometerMetricsTrackerFactory.class})
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    MetricsTrackerFactory svcInfraPoolMetrics(ObjectProvider<MeterRegistry> registry) {
      return new PoolMetrics(registry);
    }
  }

  /** Connections for reads: the replica's when one serves reads, else the primary's. */
  @Bean(name = REPLICA_DATA_SOURCE, defaultCandidate = false)
  @Qualifier(REPLICA_DATA_SOURCE)
  DataSource replicaDataSource(Database database) {
    return new ReadDataSource(database);
  }
}
