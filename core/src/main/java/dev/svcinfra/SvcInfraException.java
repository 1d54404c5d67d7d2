package dev.svcinfra;

import java.util.Objects;

/**
 * The root of every exception svc-infra raises.
 *
 * <p>Each failure carries a stable {@link ErrorCode} (for example {@code database_url_missing});
 * the same code appears in problem+json bodies, in the CLI's {@code --json} output and decides the
 * HTTP status and the CLI's exit status, so scripts and dashboards never parse message text.
 *
 * <pre>{@code
 * try { Database.fromEnvironment(); }
 * catch (SvcInfraException e) { log.error("{}: {}", e.code().wireName(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class SvcInfraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public SvcInfraException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public SvcInfraException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable, machine-readable code of this failure; {@link ErrorCode#wireName()} spells it. */
  public ErrorCode code() {
    return code;
  }

  /**
   * One line saying why {@code failure} happened, for a service's start-up error: the code and
   * message of the first svc-infra exception in its cause chain (frameworks wrap ours), else the
   * outermost message that says something. Never a stack trace; messages of svc-infra exceptions
   * carry masked URLs only.
   *
   * <pre>{@code
   * catch (RuntimeException e) { System.err.println("cannot start: " + SvcInfraException.reason(e)); System.exit(1); }
   * }</pre>
   *
   * @since 0.2
   */
  public static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SvcInfraException ours) {
        return ours.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")
            + " ["
            + ours.code().wireName()
            + "]";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
      }
    }
    return failure.getClass().getSimpleName();
  }
}
