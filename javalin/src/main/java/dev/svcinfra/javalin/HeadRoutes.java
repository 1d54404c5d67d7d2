package dev.svcinfra.javalin;

import io.javalin.config.JavalinState;
import io.javalin.config.Key;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * HEAD answers exactly as GET would, without a body (RFC 9110, 9.3.2). Javalin answers HEAD on a
 * GET route with an empty 200 without running the handler, so a load balancer probing {@code HEAD
 * /_health/ready} would route to a dead instance (issue 16). When the server starts, every GET
 * route of the app (ours and the application's) without its own HEAD route gets one that runs the
 * GET handler; Jetty drops the body of a HEAD answer and keeps its headers. Also answers which
 * methods a path serves, for the {@code Allow} header of a 405.
 */
final class HeadRoutes {
  private static final Key<HeadRoutes> KEY = new Key<>("svc-infra.head-routes");

  private final JavalinState state;

  private HeadRoutes(JavalinState state) {
    this.state = state;
  }

  /** Mirrors GET routes as HEAD routes when the server starts; once per app. */
  static HeadRoutes install(JavalinState state) {
    HeadRoutes candidate = new HeadRoutes(state);
    state.appDataManager.registerIfAbsent(KEY, candidate);
    HeadRoutes installed = state.appDataManager.get(KEY);
    if (installed == candidate) {
      state.events.serverStarting(candidate::mirrorGetRoutes);
    }
    return installed;
  }

  private void mirrorGetRoutes() {
    InternalRouter router = state.internalRouter;
    Set<String> heads = new LinkedHashSet<>();
    List<Endpoint> gets = new ArrayList<>();
    for (ParsedEndpoint p : router.allHttpHandlers()) {
      if (HandlerType.HEAD.equals(p.endpoint.method)) {
        heads.add(p.endpoint.path);
      } else if (HandlerType.GET.equals(p.endpoint.method)) {
        gets.add(p.endpoint);
      }
    }
    for (Endpoint get : gets) {
      if (heads.add(get.path)) {
        router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler));
      }
    }
  }

  /**
   * The methods routes serve at {@code path}, comma-separated in a fixed order, for {@code Allow};
   * HEAD wherever GET is.
   */
  String allowed(String path) {
    Set<String> methods = new LinkedHashSet<>();
    for (ParsedEndpoint p : state.internalRouter.allHttpHandlers()) {
      if (p.endpoint.method.isHttpMethod() && p.matches(path)) {
        methods.add(p.endpoint.method.name());
      }
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    List<String> order = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    List<String> out = new ArrayList<>();
    order.stream().filter(methods::contains).forEach(out::add);
    methods.stream().filter(m -> !order.contains(m)).sorted().forEach(out::add);
    return String.join(", ", out);
  }
}
