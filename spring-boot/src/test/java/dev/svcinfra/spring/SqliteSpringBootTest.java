package dev.svcinfra.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter on SQLite: a file database of its own. */
@SpringBootTest(
    classes = TestApp.class,
    properties = {
      "svc-infra.migrations.replace-flyway=true",
      "management.endpoints.web.exposure.include=*"
    })
class SqliteSpringBootTest extends SpringTransactionsContract {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("svc-infra-spring");
    dir.toFile().deleteOnExit();
    registry.add("svc-infra.url", () -> "sqlite:///" + dir.resolve("app.db").toAbsolutePath());
  }
}
