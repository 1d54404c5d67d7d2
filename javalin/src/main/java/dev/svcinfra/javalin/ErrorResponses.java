package dev.svcinfra.javalin;

import dev.svcinfra.SvcInfraException;
import io.javalin.config.JavalinState;
import io.javalin.config.Key;
import io.javalin.http.HttpResponseException;

/**
 * What every svc-infra plugin needs once per app: request ids, 405 over 404 for a known path (with
 * {@code Allow}), HEAD answered as GET, problem+json for every exception and for Jetty's own
 * errors. Installed by the first plugin that asks; later ones reuse it, so an app with SQL and
 * MongoDB resources answers errors one way.
 */
final class ErrorResponses {
  private static final Key<ProblemMapper> KEY = new Key<>("svc-infra.problems");

  private ErrorResponses() {}

  /** Installs the error handling unless another plugin did; returns the app's mapper. */
  static ProblemMapper install(JavalinState state, int retryAfterSeconds) {
    ProblemMapper candidate = new ProblemMapper(retryAfterSeconds);
    state.appDataManager.registerIfAbsent(KEY, candidate);
    ProblemMapper problems = state.appDataManager.get(KEY);
    if (problems != candidate) {
      return problems;
    }
    // A known path with the wrong method is a 405, not a 404: clients learn the route exists.
    state.http.prefer405over404 = true;
    state.routes.before(RequestIds::assign);
    problems.allowFrom(HeadRoutes.install(state));
    state.routes.exception(SvcInfraException.class, problems::svcInfra);
    state.routes.exception(HttpResponseException.class, problems::http);
    state.routes.exception(Exception.class, problems::unexpected);
    state.router.javaLangErrorHandler(problems::error);
    ErrorPages.install(state);
    return problems;
  }
}
