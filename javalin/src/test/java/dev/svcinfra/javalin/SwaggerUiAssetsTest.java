package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Swagger UI page and the webjar files it loads, served from the class path. */
class SwaggerUiAssetsTest {
  private static String version;

  @TempDir Path dir;

  @BeforeAll
  static void readWebjarVersion() throws Exception {
    try (InputStream in =
        SwaggerUiAssetsTest.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties p = new Properties();
      p.load(in);
      version = p.getProperty("version");
    }
  }

  private TestApp app() {
    Database db = Database.open("sqlite:///" + dir.resolve("docs.db").toAbsolutePath());
    return new TestApp(sql -> sql.database = db, config -> {});
  }

  @Test
  void theDocsPageLoadsTheAssetsItNames() throws Exception {
    try (TestApp app = app()) {
      String page = app.send("GET", "/docs", null).body();
      Matcher links = Pattern.compile("(?:href|src)=\"(/webjars/[^\"]+)\"").matcher(page);
      int found = 0;
      while (links.find()) {
        HttpResponse<String> asset = app.send("GET", links.group(1), null);
        assertThat(asset.statusCode()).as(links.group(1)).isEqualTo(200);
        assertThat(asset.body()).as(links.group(1)).isNotEmpty();
        found++;
      }
      assertThat(found).as("assets linked from /docs").isEqualTo(2);
    }
  }

  @Test
  void filesHaveTheirContentTypeAndAreCachedForGood() throws Exception {
    try (TestApp app = app()) {
      String base = "/webjars/swagger-ui/" + version + "/";
      HttpResponse<String> css = app.send("GET", base + "swagger-ui.css", null);
      assertThat(css.statusCode()).isEqualTo(200);
      assertThat(css.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
      assertThat(css.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      HttpResponse<String> js = app.send("GET", base + "swagger-ui-bundle.js", null);
      assertThat(js.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
      assertThat(js.body()).contains("SwaggerUIBundle");
    }
  }

  @Test
  void unknownFilesAndPathsOutsideTheWebjarAreProblem404s() throws Exception {
    try (TestApp app = app()) {
      String base = "/webjars/swagger-ui/" + version + "/";
      for (String path :
          new String[] {
            base + "no-such-file.js",
            base + ".hidden",
            base + "..",
            "/webjars/swagger-ui/0.0.0/swagger-ui.css",
            base
          }) {
        HttpResponse<String> r = app.send("GET", path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
            .as(path)
            .hasValue("application/problem+json");
      }
    }
  }

  @Test
  void encodedSeparatorsAndClimbingOutNeverReachAnotherFile() throws Exception {
    try (TestApp app = app()) {
      String base = "/webjars/swagger-ui/" + version + "/";
      // Jetty refuses some of these as ambiguous (400) before routing; none may answer a file.
      for (String path :
          new String[] {
            base + "..%2Fpom.xml",
            base + "%2E%2E%2F%2E%2E%2Findex.html",
            base + "../../../../META-INF/MANIFEST.MF",
            base + "..%5C..%5Cpom.xml"
          }) {
        HttpResponse<String> r = app.send("GET", path, null);
        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(r.body()).as(path).doesNotContain("Manifest-Version").doesNotContain("<project");
      }
    }
  }
}
