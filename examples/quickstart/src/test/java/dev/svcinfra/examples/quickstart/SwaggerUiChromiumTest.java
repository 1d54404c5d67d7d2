package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /docs} in a real browser: Swagger UI loads from the webjar (no internet), lists the
 * quickstart's resources, and "Try it out" on {@code GET /users} gets a 200 from the service.
 */
class SwaggerUiChromiumTest {
  @TempDir Path dir;

  @Test
  void docsPageListsResourcesAndTryItOutWorks() throws Exception {
    try (RunningQuickstart service =
            new RunningQuickstart("sqlite:///" + dir.resolve("docs.db").toAbsolutePath());
        HeadlessChromium browser = new HeadlessChromium()) {
      service.http.post("/users", "{\"email\":\"docs@example.com\",\"name\":\"Docs\"}");
      browser.open(service.http.base() + "/docs");
      assertThat(
              browser.waitFor(
                  "return document.querySelectorAll('.opblock-tag').length >= 3",
                  Duration.ofSeconds(30)))
          .as("Swagger UI rendered the resource tags")
          .isTrue();
      String tags =
          browser
              .script(
                  "return Array.from(document.querySelectorAll('.opblock-tag'))"
                      + ".map(e => e.getAttribute('data-tag')).join(',')")
              .asText();
      assertThat(tags.split(",")).contains("users", "notes", "accounts");
      // Swagger UI lists problems it finds in the document in an errors box: there must be none.
      assertThat(
              browser.script("return document.querySelectorAll('.errors-wrapper').length").asInt())
          .isZero();

      String op = "#operations-users-list_users";
      // Swagger UI 5 expands an operation through the button inside its summary line.
      browser.script("document.querySelector('" + op + " .opblock-summary-control').click()");
      assertThat(
              browser.waitFor(
                  "return !!document.querySelector('" + op + " .try-out__btn')",
                  Duration.ofSeconds(10)))
          .as("the operation expanded")
          .isTrue();
      browser.script("document.querySelector('" + op + " .try-out__btn').click()");
      assertThat(
              browser.waitFor(
                  "return !!document.querySelector('" + op + " .execute')", Duration.ofSeconds(10)))
          .as("Try it out shows Execute")
          .isTrue();
      browser.script("document.querySelector('" + op + " .execute').click()");
      assertThat(
              browser.waitFor(
                  "return !!document.querySelector('"
                      + op
                      + " .live-responses-table tbody .response-col_status')",
                  Duration.ofSeconds(15)))
          .as("the call came back")
          .isTrue();
      String status =
          browser
              .script(
                  "return document.querySelector('"
                      + op
                      + " .live-responses-table tbody .response-col_status').textContent")
              .asText();
      String body =
          browser
              .script(
                  "return document.querySelector('"
                      + op
                      + " .live-responses-table tbody .response-col_description').textContent")
              .asText();
      assertThat(status.trim()).isEqualTo("200");
      assertThat(body).contains("docs@example.com").contains("\"total\"");
    }
  }
}
