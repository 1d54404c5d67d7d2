package dev.svcinfra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.Env;
import dev.svcinfra.spring.SvcInfraMigrationsAutoConfiguration.Migrated;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.LockTimeoutException;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Migrations at start-up: to head before the DataSource is handed out, under the lock, with a
 * failed start on drift or a lock wait that timed out, and none at all when switched off.
 */
class MigrationsAtStartupTest {
  private static final List<String> REVISIONS =
      List.of("a1b2c3d4e5f6_create_notes.sql", "b2c3d4e5f6a7_create_audit.sql");

  @TempDir Path dir;

  /** An application without Flyway, its revisions in a directory of its own. */
  private ApplicationContextRunner runner(String url, Path scripts) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SvcInfraDataSourceAutoConfiguration.class,
                SvcInfraMigrationsAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(Flyway.class))
        .withBean(Env.class, () -> Env.of(Map.of()))
        .withPropertyValues(
            "svc-infra.url=" + url, "svc-infra.migrations.script-location=" + scripts);
  }

  private Path scripts() throws IOException {
    Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
    for (String name : REVISIONS) {
      try (InputStream in = getClass().getResourceAsStream("/migrations/versions/" + name)) {
        Files.copy(in, versions.resolve(name));
      }
    }
    return dir.resolve("migrations");
  }

  private String sqlite() {
    return "sqlite:///" + dir.resolve("app.db").toAbsolutePath();
  }

  private static boolean hasTable(DataSource ds, String table) throws Exception {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  @Test
  void theDatabaseIsAtHeadBeforeTheDataSourceIsHandedOut() throws Exception {
    Path scripts = scripts();
    runner(sqlite(), scripts)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(Migrated.class).applied()).hasSize(2);
              assertThat(hasTable(ctx.getBean(DataSource.class), "audit")).isTrue();
            });
    // A second start finds nothing to do.
    runner(sqlite(), scripts)
        .run(ctx -> assertThat(ctx.getBean(Migrated.class).applied()).isEmpty());
  }

  @Test
  void aConfiguredLocationThatDoesNotExistFailsTheStart() {
    runner(sqlite(), dir.resolve("no-such-dir"))
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("no-such-dir"));
  }

  @Test
  void switchedOffNothingIsMigrated() throws Exception {
    runner(sqlite(), scripts())
        .withPropertyValues("svc-infra.migrations.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(Migrated.class);
              assertThat(hasTable(ctx.getBean(DataSource.class), "notes")).isFalse();
            });
  }

  @Test
  void aDriftedDatabaseFailsTheStart() throws Exception {
    Path scripts = scripts();
    runner(sqlite(), scripts).run(ctx -> assertThat(ctx).hasNotFailed());
    Path applied = scripts.resolve("versions").resolve(REVISIONS.get(0));
    Files.writeString(
        applied,
        Files.readString(applied, StandardCharsets.UTF_8)
            .replace("title VARCHAR(200)", "title VARCHAR(300)"),
        StandardCharsets.UTF_8);
    runner(sqlite(), scripts)
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              Throwable cause = ctx.getStartupFailure();
              while (cause != null && !(cause instanceof SvcInfraException)) {
                cause = cause.getCause();
              }
              assertThat(cause).isInstanceOf(SvcInfraException.class);
              assertThat(((SvcInfraException) cause).code()).isEqualTo(ErrorCode.MIGRATION_DRIFT);
            });
  }

  @Test
  void aStartWaitsForTheLockAndFailsWhenTheWaitRunsOut() throws Exception {
    String url = TestServices.newPostgresDatabase();
    Path scripts = scripts();
    try (Database other = Database.open(url);
        AutoCloseable held =
            other
                .dialect()
                .migrationLock()
                .acquire(other.dataSource(), "svc_infra_version", Duration.ofSeconds(5))) {
      runner(url, scripts)
          .withPropertyValues("svc-infra.migrations.lock-timeout=1")
          .run(
              ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(ctx.getStartupFailure())
                    .hasRootCauseInstanceOf(LockTimeoutException.class);
              });
    }
    runner(url, scripts).run(ctx -> assertThat(ctx.getBean(Migrated.class).applied()).hasSize(2));
  }
}
