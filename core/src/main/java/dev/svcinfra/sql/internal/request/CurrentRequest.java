package dev.svcinfra.sql.internal.request;

import org.slf4j.MDC;

/**
 * The id of the request this thread serves: kept in a thread-local of our own and in the SLF4J MDC
 * under {@value #MDC_KEY}. Backends such as Logback print the MDC; slf4j-simple ignores it (its MDC
 * adapter stores nothing), which is why core reads the thread-local (issue 21).
 *
 * <pre>{@code
 * CurrentRequest.enter(id);
 * try { handle(); } finally { CurrentRequest.leave(); }
 * }</pre>
 */
public final class CurrentRequest {
  /** The MDC key of the request id, for log patterns such as {@code %X{request_id}}. */
  public static final String MDC_KEY = "request_id";

  private static final ThreadLocal<String> ID = new ThreadLocal<>();

  private CurrentRequest() {}

  /** This thread now serves request {@code id}. */
  public static void enter(String id) {
    ID.set(id);
    MDC.put(MDC_KEY, id);
  }

  /** This thread serves no request any more; harmless when it served none. */
  public static void leave() {
    ID.remove();
    MDC.remove(MDC_KEY);
  }

  /** The request this thread serves, or null. */
  public static String id() {
    String id = ID.get();
    return id != null ? id : MDC.get(MDC_KEY);
  }
}
