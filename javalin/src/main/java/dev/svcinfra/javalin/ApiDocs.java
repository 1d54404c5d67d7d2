package dev.svcinfra.javalin;

import io.javalin.config.JavalinState;
import io.javalin.config.Key;

/**
 * The app's one OpenAPI document and its routes ({@code /openapi.json}, Swagger UI at {@code
 * /docs}). The first plugin that asks creates it with its title, version and paths; later plugins
 * add their resources to the same document. It is rendered when requested, so every plugin's
 * resources and customizations are in it whatever the registration order.
 */
final class ApiDocs {
  private static final Key<OpenApiDocument> KEY = new Key<>("svc-infra.openapi");

  private ApiDocs() {}

  /**
   * The app's document, created (and its routes mounted, unless {@code openApiPath} is null) on the
   * first call.
   */
  static OpenApiDocument shared(
      JavalinState state,
      String title,
      String version,
      String tenantHeader,
      String openApiPath,
      String docsPath) {
    OpenApiDocument candidate = new OpenApiDocument(title, version, tenantHeader);
    state.appDataManager.registerIfAbsent(KEY, candidate);
    OpenApiDocument document = state.appDataManager.get(KEY);
    if (document == candidate && openApiPath != null) {
      state.routes.get(
          openApiPath,
          ctx -> ctx.contentType("application/json").result(JsonCodec.write(document.root())));
      if (docsPath != null) {
        SwaggerUiAssets assets = SwaggerUiAssets.onClasspath();
        state.routes.get(assets.routePattern(), assets::serve);
        state.routes.get(docsPath, new SwaggerUiPage(title, openApiPath, assets.basePath())::serve);
      }
    }
    return document;
  }
}
