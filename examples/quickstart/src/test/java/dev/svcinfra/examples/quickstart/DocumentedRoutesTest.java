package dev.svcinfra.examples.quickstart;

import dev.svcinfra.javalin.DocumentedRoutes;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's OpenAPI document lists exactly the routes it serves (issue 21), its resources
 * and the hand-written {@code POST /transfer} alike; only the document, Swagger UI, the probes and
 * the Prometheus scrape are served without a place in it.
 */
class DocumentedRoutesTest {
  @TempDir Path dir;

  @Test
  void theDocumentMatchesTheRoutes() throws Exception {
    try (RunningQuickstart q =
        new RunningQuickstart("sqlite:///" + dir.resolve("routes.db").toAbsolutePath())) {
      DocumentedRoutes.assertMatch(
          q.app,
          Set.of(
              "/openapi.json",
              "/docs",
              "/webjars/",
              "/_sql/health",
              "/_health/live",
              "/_health/ready",
              "/_health/startup",
              "/_health/checks/{name}",
              "/metrics"),
          "X-Tenant-Id",
          "acme");
    }
  }
}
