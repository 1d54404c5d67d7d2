package dev.svcinfra.spring;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.RedisCheck;
import dev.svcinfra.lifecycle.BackupAgeCheck;
import dev.svcinfra.mongo.MongoHealthCheck;
import dev.svcinfra.spring.internal.CheckIndicator;
import dev.svcinfra.sql.Database;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health indicators for the library's checks: {@code db} (the primary and every replica,
 * with its lag; it replaces Actuator's own DataSource indicator), {@code redis} when {@code
 * svc-infra.health.redis-url} is set, {@code backups} when {@code
 * svc-infra.health.backups.directory} is set, and {@code mongo} for an application's {@code
 * MongoDatabase} bean when svc-infra-mongo is on the classpath. The readiness group includes {@code
 * db} by default; liveness does not (a database outage is no reason to restart the service).
 *
 * @since 0.5
 */
@AutoConfiguration(after = SvcInfraDataSourceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(SvcInfraProperties.class)
public class SvcInfraHealthAutoConfiguration {

  /** Named so that Actuator's own DataSource indicator backs off: this one replaces it. */
  @Bean(name = "dbHealthIndicator")
  @ConditionalOnBean(Database.class)
  HealthIndicator svcInfraDatabaseHealth(Database database) {
    return new CheckIndicator(DatabaseCheck.of(database));
  }

  @Bean(name = "redisHealthIndicator")
  @ConditionalOnProperty("svc-infra.health.redis-url")
  HealthIndicator svcInfraRedisHealth(SvcInfraProperties properties) {
    return new CheckIndicator(RedisCheck.of(properties.getHealth().getRedisUrl()));
  }

  @Bean(name = "backupsHealthIndicator")
  @ConditionalOnProperty("svc-infra.health.backups.directory")
  HealthIndicator svcInfraBackupHealth(SvcInfraProperties properties) {
    SvcInfraProperties.Backups b = properties.getHealth().getBackups();
    return new CheckIndicator(
        new BackupAgeCheck(b.getDirectory(), b.getWarnAfter(), b.getMaxAge()));
  }

  /** svc-infra-mongo's check of the application's {@code MongoDatabase}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MongoHealthCheck.class, MongoDatabase.class})
  static class Mongo {
    @Bean(name = "mongoHealthIndicator")
    @ConditionalOnBean(MongoDatabase.class)
    HealthIndicator svcInfraMongoHealth(MongoDatabase database, SvcInfraProperties properties) {
      return new CheckIndicator(
          MongoHealthCheck.of(database, properties.getHealth().getMongoTimeout()));
    }
  }
}
