package dev.svcinfra.javalin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code /docs} page: Swagger UI from the {@code org.webjars:swagger-ui} jar (served under
 * {@code /webjars/}), pointed at the plugin's OpenAPI document. Works without internet access.
 */
final class SwaggerUiPage {
  private static final String POM =
      "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final String html;

  SwaggerUiPage(String title, String openApiPath) {
    String base = "/webjars/swagger-ui/" + webjarVersion() + "/";
    this.html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>%1$s</title>
          <link rel="stylesheet" href="%2$sswagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%2$sswagger-ui-bundle.js"></script>
          <script>
            window.ui = SwaggerUIBundle({url: "%3$s", dom_id: "#swagger-ui", deepLinking: true});
          </script>
        </body>
        </html>
        """.formatted(escape(title), base, openApiPath);
  }

  void serve(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  /** The webjar's version, from its Maven metadata, so upgrading the jar needs no code change. */
  private static String webjarVersion() {
    try (InputStream in = SwaggerUiPage.class.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath; "
            + "it serves /docs");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM, e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
