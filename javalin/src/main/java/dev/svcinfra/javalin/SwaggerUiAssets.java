package dev.svcinfra.javalin;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Serves the files of the {@code org.webjars:swagger-ui} jar under {@code
 * /webjars/swagger-ui/<version>/}, read through the class loader.
 *
 * <p>Why not Javalin's {@code staticFiles.enableWebjars()}: Jetty serves a class-path location by
 * mounting the jar that holds it as a zip file system, and in a fat jar that is the whole
 * application jar. Each mount keeps an index of every entry (about 2 MB of heap for a jar of 8,000
 * entries, and Jetty made four of them), for as long as the server runs, only to serve a handful of
 * files that are rarely requested. The class loader already has the jar open.
 */
final class SwaggerUiAssets {
  private static final String POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  /** A file directly inside the webjar's version directory: no separators, no "..". */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "html", "text/html; charset=utf-8",
          "png", "image/png",
          "map", "application/json",
          "txt", "text/plain; charset=utf-8");

  private final String version;
  private final String resourceDirectory;

  private SwaggerUiAssets(String version) {
    this.version = version;
    this.resourceDirectory = "META-INF/resources/webjars/swagger-ui/" + version + "/";
  }

  /** The assets of the swagger-ui webjar on the class path; fails when it is missing. */
  static SwaggerUiAssets onClasspath() {
    return new SwaggerUiAssets(webjarVersion());
  }

  /** The URL path prefix of the assets, ending in a slash. */
  String basePath() {
    return "/webjars/swagger-ui/" + version + "/";
  }

  /** The route pattern that {@link #serve} answers. */
  String routePattern() {
    return basePath() + "{file}";
  }

  void serve(Context ctx) throws IOException {
    String file = ctx.pathParam("file");
    InputStream in =
        FILE_NAME.matcher(file).matches()
            ? SwaggerUiAssets.class.getClassLoader().getResourceAsStream(resourceDirectory + file)
            : null;
    if (in == null) {
      throw new NotFoundResponse(); // the same problem+json 404 as any unknown route
    }
    try (in) {
      // The path carries the webjar's version: a file under it never changes.
      ctx.header("Cache-Control", "public, max-age=31536000, immutable")
          .contentType(contentType(file))
          .result(in.readAllBytes());
    }
  }

  private static String contentType(String file) {
    int dot = file.lastIndexOf('.');
    String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }

  /** The webjar's version, from its Maven metadata, so upgrading the jar needs no code change. */
  private static String webjarVersion() {
    try (InputStream in = SwaggerUiAssets.class.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "org.webjars:swagger-ui is not on the classpath; " + "it serves /docs");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM, e);
    }
  }
}
