package dev.svcinfra.javalin;

import io.javalin.http.Context;

/**
 * The {@code /docs} page: Swagger UI from the {@code org.webjars:swagger-ui} jar (its files served
 * by {@link SwaggerUiAssets}), pointed at the plugin's OpenAPI document. Works without internet
 * access.
 */
final class SwaggerUiPage {
  private final String html;

  SwaggerUiPage(String title, String openApiPath, String base) {
    this.html =
        """
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
        """
            .formatted(escape(title), base, openApiPath);
  }

  void serve(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
