package dev.svcinfra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.Env;
import dev.svcinfra.sql.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The test helper: a plain Spring test (no application, no Boot test bootstrap) gets a migrated
 * database, JdbcTemplate and transactions, and nothing else.
 */
@SpringJUnitConfig
@AutoConfigureSvcInfraDatabase
class AutoConfigureSvcInfraDatabaseTest {
  @Configuration(proxyBeanMethods = false)
  static class Config {
    @Bean
    Env svcInfraVariables() {
      return Env.empty();
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("svc-infra-helper");
    dir.toFile().deleteOnExit();
    registry.add("svc-infra.url", () -> "sqlite:///" + dir.resolve("t.db").toAbsolutePath());
    // Flyway is on this module's test classpath; the helper's database is svc-infra's to migrate.
    registry.add("svc-infra.migrations.replace-flyway", () -> "true");
  }

  @Autowired Database db;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void theDatabaseIsMigratedAndSpringTransactionsCoverSvcInfraBlocks() {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Long.class)).isZero();
    transactions.executeWithoutResult(
        status -> {
          jdbc.update("INSERT INTO audit (id, what) VALUES (1, 'x')");
          db.useTransaction(tx -> tx.execute("INSERT INTO notes (id, title) VALUES (1, 't')"));
          status.setRollbackOnly();
        });
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit", Long.class)).isZero();
  }
}
