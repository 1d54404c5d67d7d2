package dev.svcinfra.spring;

import dev.svcinfra.testing.TestServices;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter on MariaDB: a database of its own on the test server. */
@SpringBootTest(
    classes = TestApp.class,
    properties = {
      "svc-infra.migrations.replace-flyway=true",
      "management.endpoints.web.exposure.include=*"
    })
class MariaDbSpringBootTest extends SpringTransactionsContract {
  /**
   * Before the context loads: without MariaDB the class is skipped outside CI and fails in CI (a
   * skip raised while the context loads would be reported as an error).
   */
  @BeforeAll
  static void requireMariaDb() {
    TestServices.mariadbUrl();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = TestServices.newMariadbDatabase();
    registry.add("svc-infra.url", () -> url);
  }
}
