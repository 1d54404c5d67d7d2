package dev.svcinfra.javalin;

import io.javalin.http.Context;

/**
 * Watches each request from its first before-handler to its last after-handler, on the thread that
 * serves it: metrics, tracing and the JSON request log are observers (issue 21).
 */
interface RequestObserver {
  /** The request has its id and is about to be handled. */
  default void started(Context ctx) {}

  /**
   * The response status is final.
   *
   * @param route the matched route template ({@code /users/{id}}), never the raw path, so ids do
   *     not end up in metric labels; {@code NOT_FOUND} or {@code UNMATCHED} when no route matched
   * @param nanos time since {@link #started}
   */
  void finished(Context ctx, String route, long nanos);
}
