package dev.svcinfra.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * For tests that want the application's database and nothing else of the application: the svc-infra
 * {@code Database} and {@code DataSource}, migrated to head at start-up (unless {@code
 * svc-infra.migrations.enabled=false}), with Spring's transaction manager, {@code @Transactional}
 * and {@code JdbcTemplate} over it. The database is the one the test's properties or environment
 * name ({@code svc-infra.url}, {@code SQL_URL}, ...), so a test class that wants a database of its
 * own gives it one, as with {@code @DynamicPropertySource}.
 *
 * <pre>{@code
 * @SpringJUnitConfig
 * @AutoConfigureSvcInfraDatabase
 * @TestPropertySource(properties = "svc-infra.url=sqlite:///build/test.db")
 * class NoteRepositoryTest {
 *   @Autowired Database db;
 *   @Autowired JdbcTemplate jdbc;
 * }
 * }</pre>
 *
 * @since 0.5
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration({
  SvcInfraDataSourceAutoConfiguration.class,
  SvcInfraMigrationsAutoConfiguration.class,
  DataSourceTransactionManagerAutoConfiguration.class,
  JdbcTemplateAutoConfiguration.class,
  TransactionAutoConfiguration.class
})
public @interface AutoConfigureSvcInfraDatabase {}
